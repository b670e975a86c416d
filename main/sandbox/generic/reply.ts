// Answers of the generic media upload service: XML like the vendor's document (`<response><media_url>…`) unless
// the client asks for JSON with `Accept: application/json` or `?format=json` (`?format=xml` forces XML).
import { negotiate } from '../http/accept.js';
import type { RequestContext } from '../http/context.js';
import { sendBody, sendJson, xmlFields } from '../http/respond.js';

export function wantsJson(ctx: RequestContext): boolean {
  const format = ctx.target.query.get('format');
  if (format === 'json') return true;
  if (format === 'xml') return false;
  return negotiate(ctx.req.headers.accept, ['text/xml', 'application/xml', 'application/json']) === 'application/json';
}

export function replyGeneric(ctx: RequestContext, status: number, fields: Record<string, string>, headers: Record<string, string> = {}): void {
  if (wantsJson(ctx)) {
    sendJson(ctx.res, status, fields, headers);
    return;
  }
  // text/xml, as the vendor's own examples answer.
  sendBody(ctx.res, status, `<response>${xmlFields(Object.entries(fields))}</response>`, 'text/xml; charset=utf-8', headers);
}
