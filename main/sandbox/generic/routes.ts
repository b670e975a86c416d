// HTTP surface of the generic media upload service under {base}/generic: upload, precheck, media reference send,
// and the uploaded media themselves (public URLs, with Range).
import { formatBytes } from '../../common/format-bytes.js';
import type { RequestContext } from '../http/context.js';
import { HttpError } from '../http/http-error.js';
import { earlyAnswerHeaders, lingerClose } from '../http/linger.js';
import { serveFile } from '../http/serve-file.js';
import { sniffMedia } from '../media-sniff.js';
import type { TwilioStore } from '../twilio/store.js';
import { SANDBOX_NUMBER } from '../twilio/demo.js';
import { assertGenericCredentials, param, readParams, type GenericAccount } from './params.js';
import { replyGeneric } from './reply.js';
import type { GenericStore } from './store.js';
import { receiveUpload } from './upload.js';
import { outboundMessage } from '../twilio/model.js';

export interface GenericRouteDeps {
  store: GenericStore;
  account: GenericAccount;
  maxUploadBytes: number;
  twilio: TwilioStore;
}

const METHODS: Record<string, string[]> = {
  upload: ['POST', 'PUT'],
  precheck: ['GET', 'HEAD', 'POST', 'PUT'],
  send: ['GET', 'POST', 'PUT'],
  media: ['GET', 'HEAD'],
};

/** `segments` are the decoded path segments after /generic. */
export async function handleGeneric(ctx: RequestContext, segments: string[], deps: GenericRouteDeps): Promise<void> {
  try {
    const [endpoint, name, ...rest] = segments;
    const known = endpoint !== undefined && endpoint in METHODS && (endpoint === 'media' ? name !== undefined && rest.length === 0 : name === undefined);
    if (!known) throw new HttpError(404, 'No such endpoint of the generic media upload service.');
    const allowed = METHODS[endpoint]!;
    const method = ctx.req.method ?? 'GET';
    if (!allowed.includes(method)) throw new HttpError(405, `${method} is not allowed here; use ${allowed.join(', ')}.`, { headers: { Allow: allowed.join(', ') } });
    switch (endpoint) {
      case 'upload': {
        const accepted = await receiveUpload(ctx, deps);
        return replyGeneric(ctx, 200, { media_url: `${ctx.baseUrl}/generic/media/${accepted.name}` });
      }
      case 'precheck':
        return await precheck(ctx, deps);
      case 'send':
        return await referenceSend(ctx, deps);
      default:
        return await serveMedia(ctx, deps, name!);
    }
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    if (ctx.res.headersSent) ctx.res.destroy();
    else {
      replyGeneric(ctx, err.status, { message: err.message }, { ...err.headers, ...earlyAnswerHeaders(ctx) });
      lingerClose(ctx);
    }
  }
}

/** Would an upload be accepted? Same checks as the upload, from the declared size and type, without the media. */
async function precheck(ctx: RequestContext, deps: GenericRouteDeps): Promise<void> {
  const params = await readParams(ctx);
  assertGenericCredentials(params, deps.account);
  const type = param(params, 'type', 'content_type');
  if (type !== undefined && type !== 'image/jpeg' && type !== 'video/mp4') {
    throw new HttpError(415, `Only image/jpeg and video/mp4 are accepted, not ${type}.`);
  }
  const sizeText = param(params, 'size', 'media_size');
  const size = sizeText === undefined ? 0 : Number(sizeText);
  if (!Number.isSafeInteger(size) || size < 0) throw new HttpError(400, `The media size "${sizeText ?? ''}" is not a number of bytes.`);
  if (size > deps.maxUploadBytes) {
    throw new HttpError(413, `The media is too large: at most ${deps.maxUploadBytes} bytes (${formatBytes(deps.maxUploadBytes)}) are accepted.`);
  }
  if (!deps.store.hasCreditFor(size, param(params, 'to', 'sms_to'))) throw new HttpError(402, 'Not enough credit');
  replyGeneric(ctx, 200, { status: 'ok' });
}

/**
 * Sends a message that references uploaded media: recorded in the sandbox's Twilio space as an outbound message
 * with that media, so it shows up among the Twilio account's messages.
 */
async function referenceSend(ctx: RequestContext, deps: GenericRouteDeps): Promise<void> {
  const params = await readParams(ctx);
  assertGenericCredentials(params, deps.account);
  const to = param(params, 'to', 'sms_to');
  if (to === undefined || to.trim() === '') throw new HttpError(400, 'Missing the recipient ("to").');
  const mediaUrl = param(params, 'media_url');
  if (mediaUrl === undefined) throw new HttpError(400, 'Missing media_url.');
  const name = mediaNameOf(mediaUrl);
  if (name === null || !(await deps.store.has(name))) throw new HttpError(400, 'media_url does not point to media uploaded to this sandbox.');
  const preview = param(params, 'preview', 'preview_content');
  if (preview !== undefined && preview !== '') {
    // A form decoder turns an unencoded "+" into a space: put it back before decoding.
    const bytes = Buffer.from(preview.replace(/ /g, '+'), 'base64');
    if (sniffMedia(bytes) !== 'image/jpeg') throw new HttpError(400, 'The preview is not a Base64 JPEG.');
  }
  const previewType = param(params, 'preview_type', 'preview_content_type');
  if (previewType !== undefined && previewType !== 'image/jpeg') throw new HttpError(400, `The preview must be image/jpeg, not ${previewType}.`);
  const contentType = name.endsWith('.mp4') ? 'video/mp4' : 'image/jpeg';
  const message = await deps.twilio.addMessage(
    outboundMessage({ to: to.trim(), from: SANDBOX_NUMBER, body: param(params, 'description') ?? '', price: '-0.02000' }),
    [{ contentType, blob: { kind: 'generic', name } }],
  );
  replyGeneric(ctx, 200, { status: 'sent', message_sid: message.sid });
}

function mediaNameOf(url: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return null;
  }
  const match = /^\/generic\/media\/([0-9a-f]{32}\.(?:jpg|mp4))$/.exec(pathname);
  return match ? match[1]! : null;
}

async function serveMedia(ctx: RequestContext, deps: GenericRouteDeps, name: string): Promise<void> {
  const filePath = deps.store.mediaPath(name);
  if (filePath === null) throw new HttpError(404, 'No such media.');
  await serveFile(ctx, { filePath, contentType: name.endsWith('.mp4') ? 'video/mp4' : 'image/jpeg', fileName: name });
}
