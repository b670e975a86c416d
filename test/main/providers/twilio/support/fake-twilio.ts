// A small Twilio written for these tests: two node:http servers on 127.0.0.1 (the API, and a "CDN" on another port,
// hence another origin). It records every request as received (raw URL, Authorization, Range), pages with opaque
// PageTokens, answers Page=N without a token with Twilio's error 20001, and lets a test queue one-off answers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACCOUNT_SID, API_KEY_SECRET, API_KEY_SID, AUTH_TOKEN, mediaJson, mediaXml, messageJson, twilioErrorBody, type FakeMessage } from './fake-data.js';

export interface RecordedRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  range: string | undefined;
}

export interface CannedAnswer {
  /** Matched against "METHOD /raw/url". */
  match: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface FakeTwilio {
  baseUrl: string;
  cdnUrl: string;
  messages: FakeMessage[];
  log: RecordedRequest[];
  cdnLog: RecordedRequest[];
  /** Answers the next request that matches with this, once. */
  queue(answer: CannedAnswer): void;
  /** Media URLs answer without credentials, as Twilio's do unless HTTP auth for media is enabled (default true). */
  publicMedia: boolean;
  /** Awaited before each API request is answered (to hold a request in flight). */
  hold: ((req: RecordedRequest) => Promise<void>) | undefined;
  /** Replaces how the suffix-less media URL answers (default: 302 to the CDN). */
  mediaRedirect: (mediaSid: string) => { status: number; location: string };
  close(): Promise<void>;
}

function record(req: http.IncomingMessage): RecordedRequest {
  return { method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, range: req.headers.range };
}

function send(res: http.ServerResponse, status: number, body = '', headers: Record<string, string> = {}): void {
  const type = body.startsWith('<') ? 'application/xml' : 'application/json; charset=utf-8';
  res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

const notFound = (res: http.ServerResponse, path: string): void =>
  send(res, 404, twilioErrorBody(20404, `The requested resource ${path} was not found`, 404));

/** A Twilio filter value as an instant: a day stands for its first or last second depending on the side. */
function instant(value: string, side: 'low' | 'high'): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T${side === 'low' ? '00:00:00' : '23:59:59'}Z`);
  return Date.parse(value);
}

function inRange(date: Date | null, params: URLSearchParams, name: string): boolean {
  const exact = params.get(name);
  const after = params.get(`${name}>`);
  const before = params.get(`${name}<`);
  if (exact === null && after === null && before === null) return true;
  if (date === null) return false;
  const t = Math.floor(date.getTime() / 1000) * 1000;
  if (exact !== null && (t < instant(exact, 'low') || t > instant(exact, 'high'))) return false;
  if (after !== null && t < instant(after, 'low')) return false;
  if (before !== null && t > instant(before, 'high')) return false;
  return true;
}

/** Twilio-style page: next_page_uri carries the query as received plus Page and an opaque PageToken. */
function page<T>(path: string, params: URLSearchParams, items: T[], key: string): string | { error: string } {
  const pageSize = Number(params.get('PageSize') ?? '50');
  const pageNo = Number(params.get('Page') ?? '0');
  const token = params.get('PageToken');
  if (pageNo > 0 && token === null) return { error: twilioErrorBody(20001, 'PageToken is required for paging', 400) };
  const offset = token === null ? 0 : Number(Buffer.from(token.slice(2), 'hex').toString('utf8'));
  const base = new URLSearchParams([...params].filter(([k]) => k !== 'Page' && k !== 'PageToken' && k !== 'PageSize'));
  base.set('PageSize', String(pageSize));
  const uriFor = (n: number, extra = ''): string => `${path}?${base.toString()}&Page=${n}${extra}`;
  const slice = items.slice(offset, offset + pageSize);
  const hasNext = offset + pageSize < items.length;
  const nextToken = `PA${Buffer.from(String(offset + pageSize)).toString('hex')}`;
  return JSON.stringify({
    [key]: slice,
    page: pageNo,
    page_size: pageSize,
    start: offset,
    end: offset + slice.length - 1,
    uri: `${path}?${params.toString()}`,
    first_page_uri: uriFor(0),
    next_page_uri: hasNext ? uriFor(pageNo + 1, `&PageToken=${nextToken}`) : null,
    previous_page_uri: null,
  });
}

function authorized(header: string | undefined): boolean {
  const allowed = [`${ACCOUNT_SID}:${AUTH_TOKEN}`, `${API_KEY_SID}:${API_KEY_SECRET}`].map((p) => `Basic ${Buffer.from(p).toString('base64')}`);
  return header !== undefined && allowed.includes(header);
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startFakeTwilio(messages: FakeMessage[]): Promise<FakeTwilio> {
  const log: RecordedRequest[] = [];
  const cdnLog: RecordedRequest[] = [];
  const canned: CannedAnswer[] = [];
  const findMedia = (mediaSid: string) => {
    for (const message of fake.messages) for (const media of message.media) if (media.sid === mediaSid) return { message, media };
    return undefined;
  };

  const api = http.createServer((req, res) => {
    const entry = record(req);
    log.push(entry);
    if (fake.hold) void fake.hold(entry).then(() => answer(req, res));
    else answer(req, res);
  });

  const answer = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const rawUrl = req.url ?? '/';
    const cannedIndex = canned.findIndex((c) => c.match.test(`${req.method} ${rawUrl}`));
    if (cannedIndex >= 0) {
      const [answer] = canned.splice(cannedIndex, 1);
      if (answer) return send(res, answer.status, answer.body ?? '', answer.headers ?? {});
    }
    const isMediaBytes = req.method === 'GET' && /\/Media\/ME\w+(\?|$)/.test(rawUrl);
    if (!(isMediaBytes && fake.publicMedia) && !authorized(req.headers.authorization)) return send(res, 401, twilioErrorBody(20003, 'Authenticate', 401), { 'www-authenticate': 'Basic realm="Twilio API"' });
    const url = new URL(rawUrl, 'http://x');
    const prefix = `/2010-04-01/Accounts/${ACCOUNT_SID}`;
    if (!url.pathname.startsWith(`${prefix}/`)) return notFound(res, url.pathname);
    const rest = url.pathname.slice(prefix.length);
    const params = url.searchParams;
    let m: RegExpExecArray | null;

    if (req.method === 'GET' && rest === '/Messages.json') {
      const selected = fake.messages
        .filter((msg) => (params.get('To') === null || msg.to === params.get('To')) && (params.get('From') === null || msg.from === params.get('From')))
        .filter((msg) => inRange(msg.dateSent, params, 'DateSent'))
        .sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime())
        .map((msg) => messageJson(ACCOUNT_SID, msg));
      const body = page(url.pathname, params, selected, 'messages');
      return typeof body === 'string' ? send(res, 200, body) : send(res, 400, body.error);
    }
    if (req.method === 'GET' && (m = /^\/Messages\/(\w+)\.json$/.exec(rest))) {
      const msg = fake.messages.find((x) => x.sid === m?.[1]);
      return msg ? send(res, 200, JSON.stringify(messageJson(ACCOUNT_SID, msg))) : notFound(res, url.pathname);
    }
    if (req.method === 'GET' && (m = /^\/Messages\/(\w+)\/Media\.json$/.exec(rest))) {
      const msg = fake.messages.find((x) => x.sid === m?.[1]);
      if (!msg) return notFound(res, url.pathname);
      const selected = msg.media.filter((me) => inRange(me.dateCreated, params, 'DateCreated')).map((me) => mediaJson(ACCOUNT_SID, msg, me));
      const body = page(url.pathname, params, selected, 'media_list');
      return typeof body === 'string' ? send(res, 200, body) : send(res, 400, body.error);
    }
    if ((m = /^\/Messages\/(\w+)\/Media\/(\w+)(\.json|\.xml)?$/.exec(rest))) {
      const found = findMedia(m[2] ?? '');
      if (!found || found.message.sid !== m[1]) return notFound(res, url.pathname);
      if (req.method === 'DELETE' && m[3] === '.json') {
        found.message.media = found.message.media.filter((x) => x !== found.media);
        return send(res, 204);
      }
      if (req.method !== 'GET') return send(res, 405, twilioErrorBody(20004, 'Method not allowed', 405));
      if (m[3] === '.json') return send(res, 200, JSON.stringify(mediaJson(ACCOUNT_SID, found.message, found.media)));
      if (m[3] === '.xml') return send(res, 200, mediaXml(ACCOUNT_SID, found.message, found.media));
      const hop = fake.mediaRedirect(found.media.sid);
      const xml = `<?xml version='1.0' encoding='UTF-8'?>\n<TwilioResponse><RedirectTo>${hop.location}</RedirectTo></TwilioResponse>`;
      return send(res, hop.status, xml, { location: hop.location });
    }
    return notFound(res, url.pathname);
  };

  const cdn = http.createServer((req, res) => {
    cdnLog.push(record(req));
    const m = /^\/signed\/(\w+)\?/.exec(req.url ?? '');
    const found = m ? findMedia(m[1] ?? '') : undefined;
    if (!found) return send(res, 404, '<Error>NoSuchKey</Error>');
    const { bytes, contentType, fileName } = found.media;
    const headers: Record<string, string> = { 'content-type': contentType, 'accept-ranges': 'bytes' };
    if (fileName) headers['content-disposition'] = `inline; filename="${fileName}"`;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const first = Number(range[1]);
      const last = range[2] ? Math.min(Number(range[2]), bytes.length - 1) : bytes.length - 1;
      if (first >= bytes.length) return send(res, 416, '', { 'content-range': `bytes */${bytes.length}` });
      const part = bytes.subarray(first, last + 1);
      res.writeHead(206, { ...headers, 'content-length': String(part.length), 'content-range': `bytes ${first}-${last}/${bytes.length}` });
      return res.end(part);
    }
    res.writeHead(200, { ...headers, 'content-length': String(bytes.length) });
    res.end(bytes);
  });

  const [baseUrl, cdnUrl] = await Promise.all([listen(api), listen(cdn)]);
  const fake: FakeTwilio = {
    baseUrl,
    cdnUrl,
    messages,
    log,
    cdnLog,
    queue: (cannedAnswer) => canned.push(cannedAnswer),
    hold: undefined,
    publicMedia: true,
    mediaRedirect: (mediaSid) => ({ status: 302, location: `${cdnUrl}/signed/${mediaSid}?Expires=2000000000&Signature=abc` }),
    close: async () => {
      for (const server of [api, cdn]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
  return fake;
}
