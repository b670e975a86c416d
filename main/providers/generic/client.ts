// The generic media upload client: optional precheck, the multipart upload streamed from disk, then the optional
// media reference send, once per recipient, with a small JPEG preview.
//
// Nothing leaves before every template is valid and every request that would carry a secret has been checked
// against the transport rule (https, or loopback, or the account's explicit "allow insecure").
import fs from 'node:fs/promises';
import { AppError, errorWords, sayable, toAppError } from '../../common/errors.js';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import type { TransferAuthentication } from '../../common/transfers.js';
import { assertCredentialTransport, type AuthOutcome, type AuthSettings } from '../http/auth-send.js';
import { assertSecretTransport, displayHost, parseRetryAfter, type HttpResponse } from '../http/transport.js';
import {
  checkInputs,
  type CheckedConnection,
  type CheckedOptions,
  type CheckedRequest,
  type GenericConnection,
  type GenericUploadOptions,
  type GenericUploadRequest,
} from './inputs.js';
import { buildMultipartBody } from './multipart.js';
import { makePreview, type JpegPreview } from './preview.js';
import { prepareSimpleRequest, prepareUpload, type PreparedSimpleRequest } from './requests.js';
import { refusal, uploadResult } from './response.js';
import { ServiceSender } from './service-send.js';
import { serviceCredentials, type GenericService } from './auth-credentials.js';
import { compileGenericSettings, type GenericServiceConfig, type TemplateProblem } from './service-config.js';
import { references, type ParsedTemplate, type TemplateScope } from './template-engine.js';

export type { GenericConnection, GenericUploadOptions, GenericUploadRequest, UploadPhase } from './inputs.js';

export interface ReferenceSendResult {
  recipient: string;
  ok: boolean;
  /** Why it failed, in English (for the log). */
  message?: string;
  /** Why it failed, for the window to say in the reader's language. */
  phrase?: Phrase;
}

function failedSend(recipient: string, error: AppError): ReferenceSendResult {
  return { recipient, ok: false, ...errorWords(error) };
}

export interface GenericUploadResult {
  mediaUrl: string;
  referenceSends: ReferenceSendResult[];
  /** How the upload authenticated, when the server asked (the activity log says it with describeAuth). */
  authentication?: TransferAuthentication;
}

/**
 * Uploads one checked file. Rejects with AppError: 'validation', 'config', 'insecure', 'io', 'cancelled',
 * 'timeout', 'network', 'protocol', or the code of the server's refusal ('remote', 'unauthorized', …).
 * Reference sends never reject: each recipient's outcome is in the result.
 */
export async function uploadGenericMedia(
  connection: GenericConnection,
  request: GenericUploadRequest,
  options: GenericUploadOptions = {},
): Promise<GenericUploadResult> {
  const inputs = checkInputs(connection, request, options);
  const run = new UploadRun(inputs.connection, inputs.request, inputs.options);
  return run.execute();
}

/**
 * Runs only the account's precheck, as an upload would run it but with no file and no recipients: "Test connection"
 * with the credentials. False when the account has no precheck (then only an upload checks the credentials).
 */
export async function precheckGenericAccount(connection: GenericConnection, options: Pick<GenericUploadOptions, 'timeoutMs' | 'signal'> = {}): Promise<boolean> {
  const probe: GenericUploadRequest = { file: { path: '(connection test)', name: 'test.jpg', size: 1, contentType: 'image/jpeg' }, recipients: [], description: '' };
  const inputs = checkInputs(connection, probe, options);
  return new UploadRun(inputs.connection, inputs.request, inputs.options).precheckOnly();
}

class UploadRun {
  private readonly config: GenericServiceConfig;
  private readonly sender: ServiceSender;

  constructor(
    private readonly connection: CheckedConnection,
    private readonly request: CheckedRequest,
    private readonly options: CheckedOptions,
  ) {
    const globals = connection.globals ?? {};
    const { config, problems } = compileGenericSettings(connection.settings, Object.keys(connection.account), Object.keys(globals));
    if (!config) throw new AppError('config', problemsPhrase(problems));
    this.config = config;
    this.sender = new ServiceSender(connection, options);
  }

  async execute(): Promise<GenericUploadResult> {
    const { config, request } = this;
    const uploadScope = this.scope({
      sms_to: request.recipients.join(','),
      to: request.recipients.join(','),
      description: request.description,
      media_size: String(request.file.size),
      content_type: request.file.contentType,
    });
    if (request.recipients.length === 0 && usesRecipient(config)) {
      throw new AppError('validation', phrase('errors:generic.recipientNeeded'), { field: 'recipients' });
    }
    const precheck = config.precheck ? prepareSimpleRequest(config.precheck, uploadScope) : undefined;
    const upload = prepareUpload(config.upload, uploadScope, request.file);
    const referenceProbe = config.refSend && request.recipients[0] !== undefined ? this.prepareReference(request.recipients[0], SAMPLE_PREVIEW, 'https://media.example/sample') : undefined;
    const precheckAuth = precheck ? this.auth('precheck', uploadScope) : undefined;
    const uploadAuth = this.auth('upload', uploadScope);
    const probeScope = referenceProbe ? this.referenceScope(request.recipients[0] ?? '', SAMPLE_PREVIEW, 'https://media.example/sample') : undefined;
    const referenceAuth = probeScope ? this.auth('refSend', probeScope) : undefined;
    for (const [prepared, auth] of [[precheck, precheckAuth], [upload, uploadAuth], [referenceProbe, referenceAuth]] as const) {
      if (prepared && auth) assertCredentialTransport(prepared.url, auth, this.connection.allowInsecure, displayHost(prepared.displayUrl));
      if (prepared?.carriesSecret) assertSecretTransport(prepared.url, this.connection.allowInsecure, displayHost(prepared.displayUrl));
    }
    await this.assertFileUnchanged();

    if (precheck) {
      this.options.onPhase?.('precheck');
      await this.runPrecheck(precheck, precheckAuth);
    }
    this.options.onPhase?.('uploading');
    let outcome: AuthOutcome = {};
    const mediaUrl = await this.runUpload(upload, uploadAuth, (o) => (outcome = o));
    const referenceSends = config.refSend && request.recipients.length > 0 ? await this.runReferenceSends(mediaUrl) : [];
    const { scheme, source } = outcome;
    return { mediaUrl, referenceSends, ...(scheme !== undefined && source !== undefined ? { authentication: { scheme, source } } : {}) };
  }

  async precheckOnly(): Promise<boolean> {
    if (!this.config.precheck) return false;
    const scope = this.scope({ sms_to: '', to: '', description: '', media_size: '0', content_type: 'image/jpeg' });
    const prepared = prepareSimpleRequest(this.config.precheck, scope);
    const auth = this.auth('precheck', scope);
    if (auth) assertCredentialTransport(prepared.url, auth, this.connection.allowInsecure, displayHost(prepared.displayUrl));
    if (prepared.carriesSecret) assertSecretTransport(prepared.url, this.connection.allowInsecure, displayHost(prepared.displayUrl));
    await this.runPrecheck(prepared, auth);
    return true;
  }

  private auth(service: GenericService, scope: TemplateScope): AuthSettings | undefined {
    return serviceCredentials(this.config, this.connection.authPasswords ?? {}, service, scope);
  }

  private scope(service: Record<string, string>): TemplateScope {
    return {
      account: this.connection.account,
      secretKeys: new Set(this.connection.secretKeys),
      globals: this.connection.globals ?? {},
      service,
    };
  }

  private async assertFileUnchanged(): Promise<void> {
    const { file } = this.request;
    const info = await fs.stat(file.path).catch(() => undefined);
    if (!info?.isFile()) throw new AppError('io', phrase('errors:files.gone', { name: file.name }));
    if (info.size !== file.size) throw new AppError('io', phrase('errors:files.changedSinceCheck', { name: file.name, then: file.size, now: info.size }));
  }

  private async runPrecheck(prepared: PreparedSimpleRequest, auth: AuthSettings | undefined): Promise<void> {
    const res = await this.sender.send(prepared, auth, prepared.body ? { body: prepared.body } : {});
    if (isSuccess(res.status)) {
      res.body.resume(); // the precheck's answer carries nothing we need
      return;
    }
    const { answer } = await this.sender.readAnswer(res);
    throw refusal(answer, answerContext(res), 'precheck');
  }

  private async runUpload(prepared: ReturnType<typeof prepareUpload>, auth: AuthSettings | undefined, onOutcome: (outcome: AuthOutcome) => void): Promise<string> {
    const body = buildMultipartBody(prepared.parts);
    try {
      const res = await this.sender.send(
        prepared,
        auth,
        {
          body: body.body,
          headers: { 'content-type': body.contentType },
          onUploadProgress: (sent) => this.options.onProgress?.(Math.min(sent, body.length), body.length),
          onBodySent: () => this.options.onPhase?.('waiting'),
        },
        onOutcome,
      );
      const { answer, problem } = await this.sender.readAnswer(res);
      if (!answer) throw isSuccess(res.status) && problem ? problem : refusal(undefined, answerContext(res), 'upload');
      return uploadResult(answer, answerContext(res));
    } catch (err) {
      throw this.options.signal?.aborted ? new AppError('cancelled', phrase('errors:generic.cancelled')) : err;
    }
  }

  private prepareReference(recipient: string, preview: JpegPreview, mediaUrl: string): PreparedSimpleRequest | undefined {
    if (!this.config.refSend) return undefined;
    return prepareSimpleRequest(this.config.refSend, this.referenceScope(recipient, preview, mediaUrl));
  }

  private referenceScope(recipient: string, preview: JpegPreview, mediaUrl: string): TemplateScope {
    return this.scope({
        sms_to: recipient,
        to: recipient,
        description: this.request.description,
        preview_width: String(preview.width),
        preview_height: String(preview.height),
        preview_content_type: 'image/jpeg',
        preview_content: preview.jpeg.toString('base64'),
        media_url: mediaUrl,
        media_content_type: this.request.file.contentType,
      });
  }

  private async runReferenceSends(mediaUrl: string): Promise<ReferenceSendResult[]> {
    this.options.onPhase?.('reference');
    const preview = await makePreview(this.request.file, this.request.previewJpeg);
    const results: ReferenceSendResult[] = [];
    for (const recipient of this.request.recipients) {
      if (this.options.signal?.aborted) {
        results.push(failedSend(recipient, new AppError('cancelled', phrase('errors:generic.cancelledBeforeReference'))));
        continue;
      }
      try {
        const prepared = this.prepareReference(recipient, preview, mediaUrl);
        if (!prepared) break;
        const auth = this.auth('refSend', this.referenceScope(recipient, preview, mediaUrl));
        const res = await this.sender.send(prepared, auth, prepared.body ? { body: prepared.body } : {});
        if (isSuccess(res.status)) {
          res.body.resume();
          results.push({ recipient, ok: true });
        } else {
          const { answer } = await this.sender.readAnswer(res);
          results.push(failedSend(recipient, refusal(answer, answerContext(res), 'referenceSend')));
        }
      } catch (err) {
        results.push(failedSend(recipient, toAppError(err)));
      }
    }
    return results;
  }
}

/** Sample preview values: the probe before the upload only needs the reference send's URL, headers and secrets. */
const SAMPLE_PREVIEW: JpegPreview = { jpeg: Buffer.alloc(0), width: 1, height: 1 };

/** Whether uploads with this connection need at least one recipient (their templates send %sms_to%). */
export function connectionNeedsRecipients(connection: GenericConnection): boolean {
  const { config } = compileGenericSettings(connection.settings, Object.keys(connection.account), Object.keys(connection.globals ?? {}));
  return config !== undefined && usesRecipient(config);
}

function usesRecipient(config: GenericServiceConfig): boolean {
  const templates: ParsedTemplate[] = [
    config.upload.url,
    ...config.upload.headers.map((header) => header.value),
    ...config.upload.parts.flatMap((part) => (part.file ? [part.name] : [part.name, part.value])),
  ];
  if (config.precheck) templates.push(config.precheck.url, ...config.precheck.headers.map((header) => header.value), ...(config.precheck.body ? [config.precheck.body] : []));
  return templates.some((template) => references(template.nodes).some((ref) => ref.kind === 'variable' && (ref.name === 'sms_to' || ref.name === 'to')));
}

function isSuccess(status: number): boolean {
  return status >= 200 && status <= 299;
}

function answerContext(res: HttpResponse) {
  const retryAfter = parseRetryAfter(res.headers['retry-after']);
  return { server: res.host, status: res.status, ...(retryAfter !== undefined ? { retryAfter } : {}) };
}

function problemsPhrase(problems: readonly TemplateProblem[]): Phrase | string {
  const first = problems[0];
  const said = first ? sayable(first) : phrase('errors:generic.settingsIncomplete');
  return problems.length > 1 ? phrase('errors:generic.problemsInSettings', { problem: said, count: problems.length - 1 }) : said;
}

