// Small helpers that end a response with a body of known length. Node omits the body of HEAD answers itself.
import type http from 'node:http';

export function sendBody(
  res: http.ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': String(bytes.length) });
  res.end(bytes);
}

export function sendJson(res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  sendBody(res, status, JSON.stringify(value), 'application/json; charset=utf-8', headers);
}

export function sendXml(res: http.ServerResponse, status: number, xml: string, headers: Record<string, string> = {}): void {
  sendBody(res, status, xml, 'text/xml; charset=utf-8', headers);
}

export function sendEmpty(res: http.ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => XML_ENTITIES[c] ?? c);
}

const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

/** `<tag>text</tag>` for each field, in order; null fields become empty elements. */
export function xmlFields(fields: ReadonlyArray<readonly [string, string | null]>): string {
  return fields.map(([tag, value]) => (value === null ? `<${tag}/>` : `<${tag}>${escapeXml(value)}</${tag}>`)).join('');
}
