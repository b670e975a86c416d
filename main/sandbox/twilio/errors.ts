// Errors in Twilio's shape: JSON {code, message, more_info, status}, or for .xml URLs the XML RestException.
import type http from 'node:http';
import { HttpError } from '../http/http-error.js';
import { escapeXml, sendJson, sendXml } from '../http/respond.js';

export const TWILIO_CODES = {
  invalidParameter: 20001,
  authenticate: 20003,
  methodNotAllowed: 20004,
  notFound: 20404,
  tooManyRequests: 20429,
  internal: 20500,
  unavailable: 20503,
} as const;

export function twilioError(status: number, code: number, message: string, headers: Record<string, string> = {}): HttpError {
  return new HttpError(status, message, { protocolCode: code, headers });
}

export function notFound(rawPath: string): HttpError {
  return twilioError(404, TWILIO_CODES.notFound, `The requested resource ${rawPath} was not found`);
}

export function moreInfo(code: number): string {
  return `https://www.twilio.com/docs/errors/${code}`;
}

export function twilioErrorBody(status: number, code: number, message: string): Record<string, unknown> {
  return { code, message, more_info: moreInfo(code), status };
}

export function sendTwilioError(res: http.ServerResponse, err: HttpError, asXml: boolean): void {
  const code = err.protocolCode ?? (err.status === 404 ? TWILIO_CODES.notFound : TWILIO_CODES.internal);
  if (asXml) {
    const xml =
      `<?xml version='1.0' encoding='UTF-8'?>\n<TwilioResponse><RestException><Code>${code}</Code>` +
      `<Message>${escapeXml(err.message)}</Message><MoreInfo>${escapeXml(moreInfo(code))}</MoreInfo>` +
      `<Status>${err.status}</Status></RestException></TwilioResponse>`;
    sendXml(res, err.status, xml, err.headers);
    return;
  }
  sendJson(res, err.status, twilioErrorBody(err.status, code, err.message), err.headers);
}
