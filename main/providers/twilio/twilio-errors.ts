// Twilio's error answers as AppErrors. JSON endpoints answer {"code", "message", "more_info", "status"}; the .xml
// ones wrap the same fields in <TwilioResponse><RestException>. Whatever the shape, the user sees Twilio's code and
// message, and the documentation link travels in details.moreInfo for the UI to offer.
import { XMLParser } from 'fast-xml-parser';
import { AppError, type ErrorCode, type ErrorDetails } from '../../common/errors.js';
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

function fromJson(text: string): TwilioErrorBody | undefined {
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
  if (parsed.data.message) body.message = tidy(parsed.data.message);
  const link = safeLink(parsed.data.more_info);
  if (link) body.moreInfo = link;
  return body;
}

function fromXml(text: string): TwilioErrorBody | undefined {
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
  if (message) body.message = tidy(message);
  const link = safeLink(str(exception.MoreInfo));
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

const PLAIN_STATUS_TEXT: Record<number, string> = {
  401: 'Twilio rejected the credentials (HTTP 401).',
  403: 'Twilio refused the request (HTTP 403).',
  404: 'Twilio found nothing at this address (HTTP 404).',
  429: 'Twilio is limiting the rate of requests (HTTP 429).',
};

/**
 * The AppError for a Twilio error answer. The message reads "Twilio error 20404: The requested resource … was not
 * found"; a 401 adds what to check, since that is the one error the user fixes in the account form.
 */
export function twilioError(status: number, bodyText: string, retryAfter?: number): AppError {
  const body = fromJson(bodyText) ?? fromXml(bodyText);
  const details: ErrorDetails = { status };
  if (body?.code !== undefined) details.remoteCode = body.code;
  if (body?.moreInfo !== undefined) details.moreInfo = body.moreInfo;
  if (retryAfter !== undefined) details.retryAfter = retryAfter;
  let message: string;
  if (body) {
    const label = body.code !== undefined ? `Twilio error ${body.code}` : `Twilio error (HTTP ${status})`;
    message = body.message ? `${label}: ${body.message}` : `${label}.`;
  } else {
    message = PLAIN_STATUS_TEXT[status] ?? (status >= 500 ? `Twilio had a server error (HTTP ${status}). Try again later.` : `Twilio answered with HTTP ${status}.`);
  }
  if (status === 401) message += `${/[.!?]$/.test(message) ? '' : '.'} Check the Account SID and the Auth Token (or the API key SID and secret) of this account.`;
  return new AppError(codeForStatus(status), message, details);
}
