import type http from 'node:http';
import type { Readable } from 'node:stream';
import type { RequestTarget } from './request-target.js';

/** What every route handler gets. */
export interface RequestContext {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  target: RequestTarget;
  /**
   * The request body to read: `req` itself, or, while a test fault cuts uploads short, a stream that drops the
   * connection after N bytes. Handlers read this, never `req`, so faults reach them.
   */
  body: Readable;
  /** The origin the client reached us at, e.g. http://127.0.0.1:PORT (no trailing slash). */
  baseUrl: string;
}

export type RouteHandler = (ctx: RequestContext) => Promise<void>;

export function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
