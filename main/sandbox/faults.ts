// Test hooks: per-route faults (delay, dropped connections, error statuses, malformed bodies) and a log of the
// requests received. Only a sandbox started with `faults: true` has them; the CLI and the app never enable them.
import type http from 'node:http';
import { Transform, pipeline } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../common/errors.js';
import type { RequestContext, RouteHandler } from './http/context.js';
import { sendBody, sendJson } from './http/respond.js';

export interface FaultMatch {
  /** Any method when left out. */
  method?: string;
  /** The raw request path (no query): an exact string, or a RegExp tested against it. */
  path: string | RegExp;
  /** How many matching requests get the fault; every one when left out. */
  times?: number;
}

export type FaultAction =
  | { kind: 'delay'; ms: number }
  /** Destroys the connection after N bytes of the response body (the status and headers are sent). */
  | { kind: 'drop'; afterBytes: number }
  /** Destroys the connection after N bytes of the request body were read (an upload broken off). */
  | { kind: 'dropRequest'; afterBytes: number }
  | { kind: 'status'; status: 400 | 500 | 503 | 429; retryAfter?: number; body?: string }
  | { kind: 'malformed'; body: string; contentType?: string };

export interface FaultControl {
  set(match: FaultMatch, action: FaultAction): void;
  clear(): void;
}

export interface RequestLogEntry {
  /** 'api' for the main origin, 'cdn' for the media CDN origin. */
  origin: 'api' | 'cdn';
  method: string;
  /** The raw path, without the query. */
  path: string;
  /** Request headers; Authorization, Cookie and Proxy-Authorization are replaced by "[redacted]". */
  headers: Record<string, string>;
  /** The fault applied to this request, if any. */
  fault: FaultAction['kind'] | null;
  /** The answer's status; 0 when none was sent. */
  status: number;
  /** The connection closed before the answer was complete, and not because of a fault. */
  aborted: boolean;
  /** The exchange is over (answered or aborted): the other fields are final. */
  completed: boolean;
}

const LOG_LIMIT = 2000;
const REDACTED = new Set(['authorization', 'cookie', 'proxy-authorization']);

interface ActiveFault {
  match: FaultMatch;
  action: FaultAction;
  remaining: number;
}

export class FaultInjector {
  readonly log: RequestLogEntry[] = [];
  private faults: ActiveFault[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(readonly enabled: boolean) {}

  get control(): FaultControl {
    if (!this.enabled) throw new AppError('config', 'Test hooks are off: start the sandbox with { faults: true } to use them.');
    return {
      set: (match, action) => this.faults.push({ match, action, remaining: match.times ?? Number.POSITIVE_INFINITY }),
      clear: () => {
        this.faults = [];
      },
    };
  }

  /** Resolves with the first completed request that satisfies the predicate (already logged or still to come). */
  waitForRequest(predicate: (entry: RequestLogEntry) => boolean, timeoutMs = 10_000): Promise<RequestLogEntry> {
    if (!this.enabled) throw new AppError('config', 'Test hooks are off: start the sandbox with { faults: true } to use them.');
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.log.find((e) => e.completed && predicate(e));
        if (!found) return false;
        this.waiters.delete(onChange);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const onChange = (): void => void check();
      const timer = setTimeout(() => {
        this.waiters.delete(onChange);
        reject(new Error('No matching request arrived at the sandbox in time.'));
      }, timeoutMs);
      if (!check()) this.waiters.add(onChange);
    });
  }

  /** Wraps an origin's handler: logs the request and applies a matching fault, when enabled. */
  wrap(origin: 'api' | 'cdn', handler: RouteHandler): RouteHandler {
    if (!this.enabled) return handler;
    return async (ctx) => {
      const fault = this.take(ctx);
      const entry = this.record(origin, ctx, fault);
      let droppedByFault = false;
      ctx.res.once('close', () => {
        entry.status = ctx.res.headersSent ? ctx.res.statusCode : 0;
        entry.aborted = !ctx.res.writableFinished && !droppedByFault;
        entry.completed = true;
        for (const waiter of [...this.waiters]) waiter();
      });
      if (fault === null) return handler(ctx);
      switch (fault.kind) {
        case 'delay': {
          // Cut short when the client gives up meanwhile, so no timer outlives the exchange.
          const gaveUp = new AbortController();
          ctx.res.once('close', () => gaveUp.abort());
          const waited = await sleep(fault.ms, true, { signal: gaveUp.signal }).catch(() => false);
          return waited ? handler(ctx) : undefined;
        }
        case 'status':
          return answerWithStatus(ctx, fault);
        case 'malformed':
          return sendBody(ctx.res, 200, fault.body, fault.contentType ?? 'application/json');
        case 'drop':
          cutResponseAfter(ctx.res, fault.afterBytes, () => (droppedByFault = true));
          return handler(ctx);
        case 'dropRequest':
          ctx.body = cutRequestAfter(ctx.req, fault.afterBytes, () => (droppedByFault = true));
          return handler(ctx);
      }
    };
  }

  private take(ctx: RequestContext): FaultAction | null {
    const path = ctx.target.rawPath;
    const fault = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.match.method === undefined || f.match.method.toUpperCase() === ctx.req.method) &&
        (typeof f.match.path === 'string' ? f.match.path === path : matchesFresh(f.match.path, path)),
    );
    if (!fault) return null;
    fault.remaining -= 1;
    return fault.action;
  }

  private record(origin: 'api' | 'cdn', ctx: RequestContext, fault: FaultAction | null): RequestLogEntry {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(ctx.req.headers)) {
      if (value === undefined) continue;
      headers[name] = REDACTED.has(name) ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
    }
    const entry: RequestLogEntry = {
      origin,
      method: ctx.req.method ?? '',
      path: ctx.target.rawPath,
      headers,
      fault: fault?.kind ?? null,
      status: 0,
      aborted: false,
      completed: false,
    };
    this.log.push(entry);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    return entry;
  }
}

/** RegExp.test with a /g or /y flag remembers where it stopped: start from the beginning every time. */
function matchesFresh(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text);
}

function answerWithStatus(ctx: RequestContext, fault: Extract<FaultAction, { kind: 'status' }>): void {
  const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) };
  if (fault.body !== undefined) return sendBody(ctx.res, fault.status, fault.body, 'application/json', headers);
  const message = { 400: 'Bad Request', 429: 'Too Many Requests', 503: 'Service Unavailable', 500: 'Internal Server Error' }[fault.status];
  // In the shape of the protocol the path belongs to, so clients parse it as they would a real one.
  if (ctx.target.rawPath.startsWith('/2010-04-01/')) {
    const code = { 400: 20400, 429: 20429, 503: 20503, 500: 20500 }[fault.status];
    return sendJson(ctx.res, fault.status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status: fault.status }, headers);
  }
  sendJson(ctx.res, fault.status, { message: `${message} (injected by a sandbox test hook)` }, headers);
}

/**
 * Lets `limit` bytes of the response body through, then destroys the connection once they are on the wire. A body
 * no longer than `limit` goes through whole.
 */
function cutResponseAfter(res: http.ServerResponse, limit: number, onCut: () => void): void {
  let sent = 0;
  let cut = false;
  const write = res.write.bind(res) as (chunk: Buffer, cb?: () => void) => boolean;
  const end = res.end.bind(res) as (cb?: () => void) => http.ServerResponse;
  const pass = (chunk: unknown, encoding: unknown): boolean => {
    if (cut) return false;
    const bytes = Buffer.isBuffer(chunk) ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk) : Buffer.from(typeof chunk === 'string' ? chunk : '', typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    if (sent + bytes.length <= limit) {
      sent += bytes.length;
      return bytes.length === 0 ? true : write(bytes);
    }
    cut = true;
    onCut();
    const head = bytes.subarray(0, limit - sent);
    const destroy = (): void => void res.socket?.destroy();
    if (head.length > 0) write(head, destroy);
    else {
      res.flushHeaders();
      res.socket?.write('', destroy);
    }
    return false;
  };
  res.write = ((chunk: unknown, encoding?: unknown) => pass(chunk, encoding)) as typeof res.write;
  res.end = ((chunk?: unknown, encoding?: unknown) => {
    if (typeof chunk === 'function' || chunk === undefined || chunk === null) return cut ? res : end();
    if (pass(chunk, encoding) || !cut) return end();
    return res;
  }) as typeof res.end;
}

/** A body stream that destroys the connection after `limit` request bytes went through it. */
function cutRequestAfter(req: http.IncomingMessage, limit: number, onCut: () => void): Transform {
  let seen = 0;
  const body = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (seen + chunk.length <= limit) {
        seen += chunk.length;
        callback(null, chunk);
        return;
      }
      const head = chunk.subarray(0, limit - seen);
      seen = limit;
      onCut();
      req.socket.destroy();
      callback(null, head);
    },
  });
  pipeline(req, body, () => undefined);
  return body;
}
