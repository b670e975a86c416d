// Twilio's error answers as AppErrors. JSON endpoints answer {"code", "message", "more_info", "status"}; the .xml
// ones wrap the same fields in <TwilioResponse><RestException>. Whatever the shape, the user sees Twilio's code and
// message, and the documentation link travels in details.moreInfo for the UI to offer.
import { XMLParser } from 'fast-xml-parser';
import { AppError, type ErrorCode, type ErrorDetails } from '../../common/errors.js';
import { inEnglish, phrase, type Phrase } from '../../common/i18n/phrase.js';
import { serverWords } from '../../core/log/redact.js';
import { twilioErrorSchema } from './schemas.js';

interface TwilioErrorBody {
  code?: number;
  message?: string;
  moreInfo?: string;
}

/** Remote text goes to the screen: keep it one line, printable and short. */
function tidy(text: string, max = 300): string {
  const flat = text.replace(/[\x00-\x1f\x7f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Only an http(s) link may be offered as "more info": anything else (javascript:, file:) is dropped. */
function safeLink(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

type Heard = (text: string) => string;

function fromJson(text: string, heard: Heard): TwilioErrorBody | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = twilioErrorSchema.safeParse(value);
  if (!parsed.success || (parsed.data.code == null && !parsed.data.message)) return undefined;
  const body: TwilioErrorBody = {};
  if (parsed.data.code != null) body.code = parsed.data.code;
  if (parsed.data.message) body.message = tidy(heard(parsed.data.message));
  const link = safeLink(parsed.data.more_info ? heard(parsed.data.more_info) : undefined);
  if (link) body.moreInfo = link;
  return body;
}

function fromXml(text: string, heard: Heard): TwilioErrorBody | undefined {
  if (/<!DOCTYPE/i.test(text)) return undefined;
  let doc: unknown;
  try {
    doc = new XMLParser({ parseTagValue: false, ignoreAttributes: true, processEntities: true }).parse(text);
  } catch {
    return undefined;
  }
  const exception = (doc as { TwilioResponse?: { RestException?: Record<string, unknown> } } | null)?.TwilioResponse?.RestException;
  if (!exception || typeof exception !== 'object') return undefined;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const body: TwilioErrorBody = {};
  const code = str(exception.Code);
  if (code && /^\d+$/.test(code)) body.code = Number(code);
  const message = str(exception.Message);
  if (message) body.message = tidy(heard(message));
  const moreInfo = str(exception.MoreInfo);
  const link = safeLink(moreInfo ? heard(moreInfo) : undefined);
  if (link) body.moreInfo = link;
  return body.code === undefined && body.message === undefined ? undefined : body;
}

export function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422) return 'validation';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'too_large';
  if (status === 429) return 'rate_limited';
  return 'remote';
}

const PLAIN_STATUS_TEXT = {
  401: 'errors:twilio.status401',
  403: 'errors:twilio.status403',
  404: 'errors:twilio.status404',
  429: 'errors:twilio.status429',
} as const satisfies Record<number, string>;

function plainStatus(status: number): Phrase {
  if (status === 401 || status === 403 || status === 404 || status === 429) return phrase(PLAIN_STATUS_TEXT[status]);
  return status >= 500 ? phrase('errors:twilio.serverError', { status }) : phrase('errors:twilio.status', { status });
}

/**
 * The AppError for a Twilio error answer. The message reads "Twilio error 20404: The requested resource … was not
 * found"; a 401 adds what to check, since that is the one error the user fixes in the account form. `sent` are the
 * secrets the request carried (serverWords): hidden in what Twilio says, should it quote them.
 */
export function twilioError(status: number, bodyText: string, sent: readonly string[], retryAfter?: number): AppError {
  const heard = (text: string): string => serverWords(text, sent);
  const body = fromJson(bodyText, heard) ?? fromXml(bodyText, heard);
  const details: ErrorDetails = { status };
  if (body?.code !== undefined) details.remoteCode = body.code;
  if (body?.moreInfo !== undefined) details.moreInfo = body.moreInfo;
  if (retryAfter !== undefined) details.retryAfter = retryAfter;
  let message: Phrase;
  if (body) {
    // The server's own words stay as they are: a value of the sentence, never translated.
    if (body.code !== undefined) message = body.message ? phrase('errors:twilio.errorSaid', { code: body.code, said: body.message }) : phrase('errors:twilio.error', { code: body.code });
    else message = body.message ? phrase('errors:twilio.errorStatusSaid', { status, said: body.message }) : phrase('errors:twilio.errorStatus', { status });
  } else {
    message = plainStatus(status);
  }
  if (status === 401) {
    const said = inEnglish(message);
    message = phrase(/[.!?]$/.test(said) ? 'errors:twilio.checkCredentials' : 'errors:twilio.checkCredentialsAfterSaid', { problem: message });
  }
  return new AppError(codeForStatus(status), message, details);

}
