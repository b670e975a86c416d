// Parameters of the precheck and media reference send requests. Their templates may put values in the URL's
// query and in a body (PostData), which clients send as a form (urlencoded or multipart) or JSON; every source is
// read, the body winning over the query. Also the credential check shared with uploads.
import busboy from 'busboy';
import type { RequestContext } from '../http/context.js';
import { readCappedBody, requestMediaType } from '../http/body.js';
import { HttpError } from '../http/http-error.js';
import { secretsEqual } from '../http/basic-auth.js';

export const FORM_BODY_CAP = 1024 * 1024; // a Base64 preview JPEG fits easily

export type Params = Map<string, string>;

export async function readParams(ctx: RequestContext): Promise<Params> {
  const params: Params = new Map(ctx.target.query);
  const type = requestMediaType(ctx.req);
  if (type === 'multipart/form-data') {
    for (const [k, v] of await readMultipartFields(ctx)) params.set(k, v);
    return params;
  }
  const raw = await readCappedBody(ctx.req, ctx.body, FORM_BODY_CAP);
  if (raw.length === 0) return params;
  const text = raw.toString('utf8');
  if (type === 'application/json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'Malformed JSON in the request body.');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'The JSON body must be an object of parameters.');
    for (const [k, v] of Object.entries(value)) if (typeof v === 'string' || typeof v === 'number') params.set(k, String(v));
    return params;
  }
  if (type === '' || type === 'application/x-www-form-urlencoded' || type === 'text/plain') {
    for (const [k, v] of new URLSearchParams(text)) params.set(k, v);
    return params;
  }
  throw new HttpError(415, `Send the parameters as a form (application/x-www-form-urlencoded), not ${type}.`);
}

async function readMultipartFields(ctx: RequestContext): Promise<Params> {
  const fields: Params = new Map();
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: ctx.req.headers, defParamCharset: 'utf8', limits: { fieldSize: FORM_BODY_CAP, fields: 100, files: 0 } });
  } catch (err) {
    throw new HttpError(400, `Malformed multipart request: ${(err as Error).message}.`);
  }
  await new Promise<void>((resolve, reject) => {
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) reject(new HttpError(413, `The part "${name}" is too large.`));
      fields.set(name, value);
    });
    parser.on('file', (_name, stream) => stream.resume());
    parser.on('close', () => resolve());
    parser.on('error', (err: Error) => reject(new HttpError(400, `Malformed multipart body: ${err.message}.`)));
    forwardAbort(ctx, parser);
    ctx.body.pipe(parser);
  });
  return fields;
}

/**
 * pipe() neither ends nor destroys its destination when the source breaks off, so a client that goes away mid-body
 * would leave the parser (and any file it is writing) waiting forever.
 */
export function forwardAbort(ctx: RequestContext, parser: busboy.Busboy): void {
  const abort = (err?: Error): void => {
    if (!ctx.body.readableEnded) parser.destroy(err ?? new Error('The client closed the connection mid-upload'));
  };
  ctx.body.once('error', abort);
  ctx.body.once('close', () => abort());
}

/** First value among several accepted names (the documents spell some parameters two ways). */
export function param(params: Params, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = params.get(name);
    if (value !== undefined) return value;
  }
  return undefined;
}

export interface GenericAccount {
  username: string;
  password: string;
}

/** Credentials arrive as `user`/`pass` (the demo templates) or `username`/`password`, in the query or the body. */
export function assertGenericCredentials(params: Params, account: GenericAccount): void {
  const user = param(params, 'user', 'username');
  const pass = param(params, 'pass', 'password');
  if (user === undefined || pass === undefined) throw new HttpError(401, 'Missing username or password.');
  const passOk = secretsEqual(pass, account.password);
  if (user !== account.username || !passOk) throw new HttpError(401, 'Invalid username or password.');
}
