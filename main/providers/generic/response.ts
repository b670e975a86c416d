// What the generic media server answered: XML (<response><media_url>…</media_url></response>) or JSON
// ({"media_url": "…"}), with a "message" on failure. The format is chosen by Content-Type, then by sniffing
// the first character, because PHP scripts often send JSON or XML as text/html.
import { STATUS_CODES } from 'node:http';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { AppError, type ErrorCode } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { serverWords } from '../../core/log/redact.js';
import { decodeUtf8 } from '../http/transport.js';

/** Answers are a few hundred bytes; anything this large is not an answer to us. */
export const ANSWER_BODY_CAP = 256 * 1024;
const MESSAGE_MAX_CHARS = 300;

export interface ServerAnswer {
  format: 'xml' | 'json' | 'unknown';
  mediaUrl?: string;
  message?: string;
}

/**
 * Reads media_url and message out of a body; throws AppError('protocol') when the body is not UTF-8. `sent` are the
 * secrets the request carried: hidden in the message (serverWords). The media_url is a value main uses (the reference
 * send), not words: it is left as the server gave it.
 */
export function parseServerAnswer(body: Buffer, contentType: string | undefined, server: string, sent: readonly string[]): ServerAnswer {
  const text = decodeUtf8(body, server).replace(/^\uFEFF/, '');
  type Format = 'json' | 'xml' | undefined;
  const declared: Format = /json/i.test(contentType ?? '') ? 'json' : /xml/i.test(contentType ?? '') ? 'xml' : undefined;
  const first = text.trimStart()[0];
  const sniffed: Format = first === '{' ? 'json' : first === '<' ? 'xml' : undefined;
  for (const format of [declared, sniffed]) {
    const fields = format === 'json' ? fromJson(text) : format === 'xml' ? fromXml(text) : undefined;
    if (!format || !fields) continue;
    const { message, ...rest } = fields;
    const said = message === undefined ? '' : cleanText(serverWords(message, sent));
    return said ? { format, ...rest, message: said } : { format, ...rest };
  }
  return { format: 'unknown' };
}

type Fields = Omit<ServerAnswer, 'format'>;

const jsonScalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const jsonAnswer = z.looseObject({ media_url: jsonScalar.optional(), message: jsonScalar.optional() });

function fromJson(text: string): Fields | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  // Some servers wrap the answer: {"response": {...}}.
  const wrapped = z.object({ response: z.looseObject({}) }).safeParse(value);
  const parsed = jsonAnswer.safeParse(wrapped.success ? wrapped.data.response : value);
  if (!parsed.success) return undefined;
  return fields(parsed.data.media_url, parsed.data.message);
}

const xmlParser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  // Decodes the XML entities and character references in text; a DOCTYPE never gets this far.
  htmlEntities: true,
});

function fromXml(text: string): Fields | undefined {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return undefined;
  if (XMLValidator.validate(text) !== true) return undefined;
  let document: unknown;
  try {
    document = xmlParser.parse(text);
  } catch {
    return undefined;
  }
  const root = z.record(z.string(), z.unknown()).safeParse(document);
  if (!root.success) return undefined;
  const rootElement = Object.entries(root.data).find(([name]) => !name.startsWith('?'))?.[1];
  const children = z.record(z.string(), z.unknown()).safeParse(rootElement);
  if (!children.success) return {};
  return fields(xmlText(children.data, 'media_url'), xmlText(children.data, 'message'));
}

/** The text of the first child of that name (any case), whether it is plain text or has attributes. */
function xmlText(children: Record<string, unknown>, name: string): string | undefined {
  const entry = Object.entries(children).find(([key]) => key.toLowerCase() === name)?.[1];
  const first: unknown = Array.isArray(entry) ? entry[0] : entry;
  if (typeof first === 'string') return first;
  const withText = z.object({ '#text': z.string() }).safeParse(first);
  return withText.success ? withText.data['#text'] : undefined;
}

function fields(mediaUrl: string | undefined, message: string | undefined): Fields {
  const result: Fields = {};
  if (mediaUrl !== undefined && mediaUrl.trim() !== '') result.mediaUrl = mediaUrl.trim();
  // Cleaned once the secrets are hidden (parseServerAnswer): cutting it first could leave a piece of one.
  if (message !== undefined && message.trim() !== '') result.message = message;
  return result;
}

/** A server's text fit to show: one line, no control characters, bounded. */
function cleanText(text: string): string {
  const oneLine = text.replace(/[\x00-\x1f\x7f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return oneLine.length > MESSAGE_MAX_CHARS ? `${oneLine.slice(0, MESSAGE_MAX_CHARS - 1)}…` : oneLine;
}

export interface AnswerContext {
  /** The server's host, named in every message. */
  server: string;
  status: number;
  /** Seconds from Retry-After, for 429/503. */
  retryAfter?: number;
}

/** The media_url of a successful upload, or the AppError the user sees. */
export function uploadResult(answer: ServerAnswer, ctx: AnswerContext): string {
  if (ctx.status < 200 || ctx.status > 299) throw refusal(answer, ctx, 'upload');
  if (answer.mediaUrl === undefined) {
    const said = answer.message
      ? phrase('errors:generic.noMediaUrlSaid', { server: ctx.server, said: answer.message })
      : phrase('errors:generic.noMediaUrl', { server: ctx.server });
    throw new AppError('protocol', said, { status: ctx.status });
  }
  return checkMediaUrl(answer.mediaUrl, ctx.server);
}

/** The error for a non-2xx answer: the server's own message when it gave one, else a generic one with the status. */
export function refusal(answer: ServerAnswer | undefined, ctx: AnswerContext, what: 'upload' | 'precheck' | 'referenceSend'): AppError {
  const status = `HTTP ${ctx.status}${STATUS_CODES[ctx.status] ? ` ${STATUS_CODES[ctx.status]}` : ''}`;
  const values = { server: ctx.server, status };
  const message = answer?.message
    ? phrase(REFUSED_SAYING[what], { ...values, said: answer.message })
    : phrase(REFUSED[what], values);
  return new AppError(codeForStatus(ctx.status), message, {
    status: ctx.status,
    ...(ctx.retryAfter !== undefined ? { retryAfter: ctx.retryAfter } : {}),
  });
}

const REFUSED_SAYING = {
  upload: 'errors:generic.refusedUploadSaid',
  precheck: 'errors:generic.refusedPrecheckSaid',
  referenceSend: 'errors:generic.refusedReferenceSendSaid',
} as const;
const REFUSED = {
  upload: 'errors:generic.refusedUpload',
  precheck: 'errors:generic.refusedPrecheck',
  referenceSend: 'errors:generic.refusedReferenceSend',
} as const;

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413) return 'too_large';
  if (status === 415) return 'unsupported_media';
  if (status === 429) return 'rate_limited';
  return 'remote';
}

function checkMediaUrl(raw: string, server: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('protocol', phrase('errors:generic.mediaUrlNotUrl', { server }));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('protocol', phrase('errors:generic.mediaUrlScheme', { server, scheme: url.protocol }));
  }
  // The parsed form, not the server's text: the parser has percent-encoded control characters (a terminal escape
  // sequence in the URL would otherwise reach the CLI's terminal and the window's clipboard) and dropped tabs and
  // line breaks, and it is exactly the URL any client then fetches. Refusing instead would call an upload the
  // server kept a failure, and a retry would store the file twice.
  return url.href;
}
