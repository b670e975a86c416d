// Sending one request of an upload run (precheck, upload, reference send) and reading the server's answer: the
// account's connection settings (TLS, insecure, the answer's wait), the run's cancel signal, and the challenges the
// server asked for, which the run's later requests answer without a second round trip.
import { AppError, toAppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { ChallengeCache, sendWithAuth, type AuthOutcome, type AuthSettings } from '../http/auth-send.js';
import { PiecedBody } from '../http/file-body.js';
import { displayHost, readBody, type HttpRequest, type HttpResponse, type TlsOptions } from '../http/transport.js';
import type { CheckedConnection, CheckedOptions } from './inputs.js';
import type { PreparedRequest } from './requests.js';
import { ANSWER_BODY_CAP, parseServerAnswer, type ServerAnswer } from './response.js';

const DEFAULT_HEADERS = { 'user-agent': 'MediaDesk/0.1', accept: 'application/xml, application/json;q=0.9, */*;q=0.1' };

export interface SendExtras {
  /** A buffer, or the file body (a description of its pieces: each attempt, authentication may take two, sends it anew). */
  body?: Buffer | PiecedBody;
  headers?: Record<string, string>;
  onUploadProgress?: (sent: number) => void;
  onBodySent?: () => void;
}

export class ServiceSender {
  private readonly tls: TlsOptions | undefined;
  /** Challenges answered in this run: the precheck's spares the upload a round trip. */
  private readonly challenges = new ChallengeCache();

  constructor(
    private readonly connection: CheckedConnection,
    private readonly options: CheckedOptions,
  ) {
    this.tls = connection.ca ? { ca: connection.ca } : undefined;
  }

  /** Sends one request of the run, answering the server's authentication challenge when the service has credentials. */
  send(prepared: PreparedRequest, auth: AuthSettings | undefined, extra: SendExtras, onOutcome?: (outcome: AuthOutcome) => void): Promise<HttpResponse> {
    const target = {
      method: prepared.method,
      url: prepared.url,
      host: displayHost(prepared.displayUrl),
      allowInsecure: this.connection.allowInsecure ?? false,
      streamed: extra.body instanceof PiecedBody,
    };
    return sendWithAuth(target, (authHeaders, note) => this.httpRequest(prepared, auth !== undefined, extra, authHeaders, note), auth, this.challenges, onOutcome);
  }

  /** The parsed answer, or why it could not be read (too large, not UTF-8), without failing yet. */
  async readAnswer(res: HttpResponse): Promise<{ answer?: ServerAnswer; problem?: AppError }> {
    const server = res.host;
    let bytes: Buffer;
    try {
      bytes = await readBody(res, ANSWER_BODY_CAP);
    } catch (err) {
      if (this.options.signal?.aborted) throw new AppError('cancelled', phrase('errors:generic.cancelled'));
      const error = toAppError(err);
      if (error.code !== 'too_large') throw error;
      return { problem: new AppError('protocol', phrase('errors:generic.answerTooLarge', { server, size: ANSWER_BODY_CAP }), { status: res.status }) };
    }
    try {
      return { answer: parseServerAnswer(bytes, headerValue(res.headers['content-type']), server, this.secrets()) };
    } catch (err) {
      return { problem: toAppError(err) };
    }
  }

  /** The account's secrets, any of which a request may carry: hidden in what the server says (parseServerAnswer). */
  private secrets(): string[] {
    const { account, secretKeys, authPasswords = {} } = this.connection;
    return [...secretKeys.flatMap((key) => account[key] ?? []), ...Object.values(authPasswords).filter((value) => value !== undefined)];
  }

  private httpRequest(prepared: PreparedRequest, withAuth: boolean, extra: SendExtras, authHeaders: Record<string, string>, note: string | undefined): HttpRequest {
    const body = extra.body;
    return {
      method: prepared.method,
      url: prepared.url,
      displayUrl: prepared.displayUrl,
      headers: { ...DEFAULT_HEADERS, ...prepared.headers, ...extra.headers, ...authHeaders },
      ...(body !== undefined ? { body } : {}),
      ...(note !== undefined ? { note } : {}),
      carriesSecret: prepared.carriesSecret || withAuth,
      allowInsecure: this.connection.allowInsecure ?? false,
      ...(this.tls ? { tls: this.tls } : {}),
      ...(this.options.signal ? { signal: this.options.signal } : {}),
      ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
      ...(extra.onUploadProgress ? { onUploadProgress: extra.onUploadProgress } : {}),
      ...(extra.onBodySent ? { onBodySent: extra.onBodySent } : {}),
      ...(this.options.answerTimeoutMs ? { answerTimeoutMs: this.options.answerTimeoutMs } : {}),
    };
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
