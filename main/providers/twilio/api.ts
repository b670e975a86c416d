// One authenticated exchange with Twilio's REST API: URL building, Basic auth, reading and validating the
// answer, and the retry rules (429 with backoff honouring Retry-After; one late retry of a 404 for a message
// that may have just arrived; nothing else retried).
import type { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { basicAuth, parseRetryAfter, readBody, readBodyText, send, type HttpResponse } from '../http/transport.js';
import { credentialPair, type TwilioConnection } from './connection.js';
import { describeIssue } from './schemas.js';
import { twilioError } from './twilio-errors.js';

export interface RetryPolicy {
  /** Attempts in all (the first one included) for a request answered 429. */
  maxAttempts: number;
  /** Wait before the first retry when Twilio gives no Retry-After; doubled at each retry. */
  baseDelayMs: number;
  /** The longest wait; a Retry-After asking for more is reported instead of waited for. */
  maxDelayMs: number;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000 };
export const DEFAULT_NOT_FOUND_RETRY_MS = 1500;
const ERROR_BODY_CAP = 64 * 1024;
const USER_AGENT = 'MediaDesk/0.1 (twilio-client)';

export const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AppError('cancelled', phrase('errors:generic.cancelled')));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AppError('cancelled', phrase('errors:generic.cancelled')));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * How long to wait before retrying a 429, or undefined to give up: when the attempts are spent, or when
 * Retry-After asks for longer than the policy's longest wait (the error then tells the user how long).
 */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfterSeconds: number | undefined): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const wait = retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return wait <= policy.maxDelayMs ? wait : undefined;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
  /**
   * Let a request already sent run to its end even if the signal fires (the signal still cuts any wait
   * before a retry). Used for deletions, whose outcome must be known to be reported.
   */
  finishInFlight?: boolean | undefined;
}

interface Exchange extends CallOptions {
  method: 'GET' | 'DELETE';
  url: URL;
  accept: string;
  /** Retry a 404 once after a short wait: the message may have arrived a moment ago. */
  retryNotFound?: boolean;
  /** Sees the text of a 2xx answer so far as it arrives (while it is ASCII). */
  onText?: (textSoFar: string) => void;
}

export interface ApiAnswer {
  status: number;
  contentType: string;
  text: string;
}

export class TwilioApi {
  readonly origin: string;
  private readonly prefix: string;
  readonly accountPath: string;

  constructor(
    readonly connection: TwilioConnection,
    private readonly retry: RetryPolicy,
    private readonly sleep: Sleep,
    private readonly notFoundRetryMs: number,
  ) {
    const base = new URL(connection.baseUrl);
    this.origin = base.origin;
    this.prefix = base.pathname.replace(/\/+$/, '');
    this.accountPath = `${this.prefix}/2010-04-01/Accounts/${connection.accountSid}`;
  }

  /** The URL of a path under the account, e.g. "/Messages.json". */
  url(pathUnderAccount: string, query?: Array<[string, string]>): URL {
    const url = new URL(`${this.origin}${this.accountPath}${pathUnderAccount}`);
    if (query && query.length > 0) url.search = new URLSearchParams(query).toString();
    return url;
  }

  authorization(): string {
    const { user, password } = credentialPair(this.connection);
    return basicAuth(user, password);
  }

  /** The secret every request to the API carries: hidden in what the API says (twilioError). */
  secrets(): readonly string[] {
    return [credentialPair(this.connection).password];
  }

  /**
   * Resolves a page link from Twilio (next_page_uri) against the API's origin, exactly as given: if the URL
   * parser would change a single character of it, it is refused rather than silently rewritten. It must stay
   * on the API's origin and point at the same kind of list, so a page link can never carry the credentials
   * elsewhere.
   */
  pageUrl(uri: string, listPathPattern: RegExp): URL {
    if (!uri.startsWith('/') || uri.startsWith('//')) {
      throw new AppError('protocol', phrase('errors:twilio.pageLinkForeign'));
    }
    const url = new URL(`${this.origin}${uri}`);
    if (url.pathname + url.search !== uri || url.hash) {
      throw new AppError('protocol', phrase('errors:twilio.pageLinkInexact'));
    }
    const expectedStart = `${this.accountPath}/`;
    if (!url.pathname.startsWith(expectedStart) || !listPathPattern.test(url.pathname.slice(expectedStart.length - 1))) {
      throw new AppError('protocol', phrase('errors:twilio.pageLinkElsewhere'));
    }
    return url;
  }

  private async exchangeOnce(req: Exchange): Promise<HttpResponse> {
    return send({
      method: req.method,
      url: req.url,
      headers: { authorization: this.authorization(), accept: req.accept, 'user-agent': USER_AGENT },
      carriesSecret: true,
      allowInsecure: this.connection.allowInsecure === true,
      tls: this.connection.ca ? { ca: this.connection.ca } : {},
      signal: req.finishInFlight ? undefined : req.signal,
    });
  }

  /** Sends a request, retrying as the rules say; resolves with a 2xx answer or rejects with an AppError. */
  async call(req: Exchange): Promise<ApiAnswer> {
    let attempt = 1;
    let notFoundRetried = false;
    for (;;) {
      if (req.signal?.aborted) throw new AppError('cancelled', phrase('errors:generic.cancelled'));
      const res = await this.exchangeOnce(req);
      const contentType = String(res.headers['content-type'] ?? '');
      if (res.status >= 200 && res.status < 300) {
        const text = await readBodyText(res, undefined, 'Twilio', req.onText).catch((err: unknown) => {
          // The transport reports a body cut by our own cancellation as a dropped connection; say what it was.
          throw req.signal?.aborted && !req.finishInFlight ? new AppError('cancelled', phrase('errors:generic.cancelled')) : err;
        });
        return { status: res.status, contentType, text };
      }
      const retryAfter = parseRetryAfter(res.headers['retry-after']);
      const errorText = await readBody(res, ERROR_BODY_CAP).then(
        (b) => b.toString('utf8'),
        () => '',
      );
      const error = twilioError(res.status, errorText, this.secrets(), retryAfter);
      const wait = res.status === 429 ? retryDelay(this.retry, attempt, retryAfter) : undefined;
      if (wait !== undefined) {
        await this.sleep(wait, req.signal);
        attempt += 1;
        continue;
      }
      if (res.status === 404 && req.retryNotFound && !notFoundRetried) {
        notFoundRetried = true;
        await this.sleep(this.notFoundRetryMs, req.signal);
        continue;
      }
      throw error;
    }
  }

  /** GETs a JSON resource and validates it; a body that is not JSON or not of the expected shape is 'protocol'. */
  async getJson<S extends z.ZodType>(url: URL, schema: S, what: TwilioSubject, opts: CallOptions & { retryNotFound?: boolean } = {}): Promise<z.output<S>> {
    const answer = await this.getJsonValue(url, what, opts);
    return checkAnswer(schema, answer, what);
  }

  /** GETs a JSON resource without validating it yet: a caller that validates it in parts calls checkAnswer. */
  async getJsonValue(url: URL, what: TwilioSubject, opts: CallOptions & Pick<Exchange, 'retryNotFound' | 'onText'> = {}): Promise<JsonAnswer> {
    const answer = await this.call({ ...opts, method: 'GET', url, accept: 'application/json' });
    try {
      return { status: answer.status, value: JSON.parse(answer.text) as unknown };
    } catch {
      const type = answer.contentType?.split(';')[0];
      const values = { what: phrase(TWILIO_SUBJECTS[what]) };
      throw new AppError('protocol', type ? phrase('errors:twilio.notJsonType', { ...values, type }) : phrase('errors:twilio.notJson', values), { status: answer.status });
    }
  }
}

/** What a message about an answer names, by the words callers write. */
const TWILIO_SUBJECTS = {
  'the list of messages': 'errors:twilio.what.messages',
  'the media of a message': 'errors:twilio.what.mediaList',
  'the message': 'errors:twilio.what.message',
  'the media': 'errors:twilio.what.media',
} as const;
export type TwilioSubject = keyof typeof TWILIO_SUBJECTS;

export interface JsonAnswer {
  status: number;
  value: unknown;
}

/** The answer's value as the schema reads it; one not of the expected shape is 'protocol', naming the first issue. */
export function checkAnswer<S extends z.ZodType>(schema: S, answer: JsonAnswer, what: TwilioSubject): z.output<S> {
  const parsed = schema.safeParse(answer.value);
  if (!parsed.success) {
    throw new AppError('protocol', phrase('errors:twilio.badShape', { what: phrase(TWILIO_SUBJECTS[what]), issue: describeIssue(parsed.error) }), { status: answer.status });

  }
  return parsed.data;
}
