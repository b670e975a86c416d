// The media upload: multipart/form-data (POST or PUT) parsed by busboy as it streams; the file part goes straight
// to disk under a temporary name and is renamed only when complete and accepted. Checks, in order: credentials,
// a file part, its type by its bytes, its size, the declared X-Media-Size, the credit.
import { formatBytes } from '../../common/format-bytes.js';
import fsp from 'node:fs/promises';
import busboy from 'busboy';
import type { RequestContext } from '../http/context.js';
import { requestMediaType } from '../http/body.js';
import { HttpError } from '../http/http-error.js';
import { streamToFile, UPLOAD_BUFFER_BYTES, type StreamedFile } from '../http/stream-to-file.js';
import { sniffMedia } from '../media-sniff.js';
import { assertGenericCredentials, forwardAbort, param, type GenericAccount, type Params } from './params.js';
import { NO_CREDIT_RECIPIENT, type GenericStore } from './store.js';

const MULTIPART_OVERHEAD = 1024 * 1024; // room for the text parts and boundaries around the file

export interface UploadDeps {
  store: GenericStore;
  account: GenericAccount;
  maxUploadBytes: number;
}

export interface AcceptedUpload {
  name: string;
  bytes: number;
}

interface FilePart {
  declaredType: string;
  uploadPath: string;
  done: Promise<StreamedFile>;
}

export async function receiveUpload(ctx: RequestContext, deps: UploadDeps): Promise<AcceptedUpload> {
  if (requestMediaType(ctx.req) !== 'multipart/form-data') throw new HttpError(400, 'Send the media as multipart/form-data.');
  const declared = Number(ctx.req.headers['content-length'] ?? '0');
  if (declared > deps.maxUploadBytes + MULTIPART_OVERHEAD) throw tooLarge(deps.maxUploadBytes);

  const params: Params = new Map(ctx.target.query);
  // The no-credit recipient is refused as soon as it is known, before the media is read, as real services do.
  if (isNoCreditRecipient(param(params, 'to', 'sms_to'))) throw noCredit();
  let filePart: FilePart | null = null;
  // Once refused, the parser may still announce a file part that came in the same chunk as the recipient: nobody
  // would ever end its stream, and waiting for it would hold the refusal back forever.
  let refused = false;
  // Set in the parser's callbacks, which TypeScript's narrowing does not follow: typed by assertion, not narrowed to null.
  let parseError = null as HttpError | null;
  try {
    await new Promise<void>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({ headers: ctx.req.headers, defParamCharset: 'utf8', limits: { fieldSize: 64 * 1024, fields: 100, files: 1, parts: 120 }, highWaterMark: UPLOAD_BUFFER_BYTES, fileHwm: UPLOAD_BUFFER_BYTES });
      } catch (err) {
        reject(new HttpError(400, `Malformed multipart request: ${(err as Error).message}.`));
        return;
      }
      parser.on('field', (name, value, info) => {
        if (info.valueTruncated) parseError ??= new HttpError(413, `The part "${name}" is too large.`);
        params.set(name, value);
        if ((name === 'to' || name === 'sms_to') && isNoCreditRecipient(value) && filePart === null) {
          refused = true;
          ctx.body.unpipe(parser);
          parser.destroy();
          reject(noCredit());
        }
      });
      parser.on('file', (_name, stream, info) => {
        if (refused) {
          stream.resume();
          return;
        }
        const uploadPath = deps.store.newUploadPath();
        const done = streamToFile(stream, uploadPath, { limit: deps.maxUploadBytes, tooLarge: () => tooLarge(deps.maxUploadBytes) });
        done.catch(() => undefined); // examined below, once the whole body is read
        filePart = { declaredType: info.mimeType.toLowerCase(), uploadPath, done };
      });
      parser.on('filesLimit', () => (parseError ??= new HttpError(400, 'Send exactly one file per upload.')));
      parser.on('close', () => resolve());
      parser.on('error', (err: Error) => reject(new HttpError(400, `Malformed multipart body: ${err.message}.`)));
      forwardAbort(ctx, parser);
      ctx.body.pipe(parser);
    });
  } catch (err) {
    await discard(filePart);
    throw err;
  }

  const part = filePart as FilePart | null;
  let streamed: StreamedFile;
  try {
    if (parseError) throw parseError;
    assertGenericCredentials(params, deps.account);
    if (part === null) throw new HttpError(400, 'The upload has no file part (a part with a filename).');
    streamed = await part.done;
    const type = sniffMedia(streamed.head);
    if (type !== 'image/jpeg' && type !== 'video/mp4') throw new HttpError(415, 'Only JPEG images and MP4 videos are accepted, and by its bytes this file is neither.');
    if ((part.declaredType === 'image/jpeg' || part.declaredType === 'video/mp4') && part.declaredType !== type) {
      throw new HttpError(415, `The file was sent as ${part.declaredType} but its bytes are ${type}.`);
    }
    const sizeHeader = ctx.req.headers['x-media-size'];
    if (typeof sizeHeader === 'string' && sizeHeader.trim() !== String(streamed.bytes)) {
      throw new HttpError(400, `X-Media-Size says ${sizeHeader.trim()} bytes but the file has ${streamed.bytes}.`);
    }
    if (!deps.store.hasCreditFor(streamed.bytes, param(params, 'to', 'sms_to'))) throw noCredit();
    const name = await deps.store.commit(part.uploadPath, type);
    await deps.store.spend(streamed.bytes);
    return { name, bytes: streamed.bytes };
  } catch (err) {
    await discard(part);
    throw err;
  }
}

function noCredit(): HttpError {
  return new HttpError(402, 'Not enough credit');
}

function isNoCreditRecipient(recipient: string | undefined): boolean {
  return recipient !== undefined && recipient.split(',').includes(NO_CREDIT_RECIPIENT);
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `The media is too large: at most ${limit} bytes (${formatBytes(limit)}) are accepted.`);
}

async function discard(part: FilePart | null): Promise<void> {
  if (part === null) return;
  await part.done.catch(() => undefined);
  await fsp.rm(part.uploadPath, { force: true });
}
