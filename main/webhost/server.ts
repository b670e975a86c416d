// The browser host: the same renderer and the same contract as the Electron host, served over HTTP/WebSocket on
// 127.0.0.1 only. Anyone on this machine can reach a loopback port, and any web page the user visits can try to, so
// every request must carry this launch's session cookie (401 otherwise; see session.ts) and name this host as Host
// and Origin (403 otherwise: that stops DNS rebinding and cross-site requests). No input may end the process:
// every handler answers or closes its own connection (see limits.ts and events-socket.ts).
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { AppError } from '../common/errors.js';
import type { Language } from '../common/i18n/languages.js';
import { phrase, type Phrase } from '../common/i18n/phrase.js';
import { SECURITY_HEADERS, contentSecurityPolicy, readAppFile } from '../app/app-files.js';
import type { FileRef } from '../common/contract.js';
import { STAGE_PROGRESS_ID } from '../common/files.js';
import type { Dispatcher } from '../app/dispatch.js';
import type { EventBus } from '../app/events.js';
import { cleanFileName, type FileStaging } from '../core/files/staging.js';
import { attachEventSocket } from './events-socket.js';
import { createLimitedServer, resolveLimits, type HostLimits } from './limits.js';
import { refusalHeaders, refusals, sendJson, type Refuse } from './replies.js';
import { FORM_OVERHEAD_BYTES, isForm, receiveFormFile } from './stage-form.js';
import { LaunchSession } from './session.js';
import { say } from './terminal.js';

export { HOST_LIMIT_DEFAULTS, type HostLimits } from './limits.js';
export { sessionCookieName } from './session.js';

const MAX_INVOKE_BODY = 1024 * 1024;
const POST_ONLY = phrase('desktop:webhost.page.postOnly');
const GET_ONLY = phrase('desktop:webhost.page.getOnly');

/**
 * Extra routes a host may add (the media stream), called only after the guard let the request in; `refuse` answers
 * as the host's own refusals do, in the reader's language.
 */
export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, refuse: Refuse) => Promise<boolean>;

/** What the host serves from the running app. */
export interface HostApp {
  dispatch: Dispatcher;
  events: EventBus;
  staging: FileStaging;
}

/**
 * The app, or (`app`) the promise of it while it starts: the page's files are served at once, and its calls, uploads
 * and events socket wait for the app (503 if it fails to start).
 */
export type BrowserHostOptions = HostSettings & (HostApp | { app: Promise<HostApp> });

interface HostSettings {
  rendererDir: string;
  port?: number;
  token?: string;
  routes?: RouteHandler[];
  /** Sizes and timeouts; each one not given keeps its default (HOST_LIMIT_DEFAULTS). */
  limits?: Partial<HostLimits>;
  /** The terminal's language (terminal.ts): its lines', and a page's when the browser names none we speak. English if not given. */
  language?: Language;
}

export interface BrowserHost {
  /** The URL to open; it carries the launch token, good for one sign-in. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** The request target as a URL on this host, or null when it is not one (`http://[`, a bare `*`…). */
function parseTarget(target: string | undefined, origin: string): URL | null {
  try {
    return new URL(target ?? '/', origin);
  } catch {
    return null;
  }
}

async function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_INVOKE_BODY) throw new AppError('too_large', phrase('errors:webhost.requestTooLarge'));
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new AppError('validation', phrase('errors:webhost.notJson'));
  }
}

/** How often a staging's progress is said: often enough for a smooth bar, rarely enough to cost nothing. */
const PROGRESS_INTERVAL_MS = 200;

/** Calls `report` with the bytes received at most once per interval (the first piece at once). */
function progressReporter(report: (received: number) => void): (received: number) => void {
  let last = 0;
  return (received) => {
    const now = Date.now();
    if (now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    report(received);
  };
}

/** The hashed files of a build never change under one name: a browser keeps them; the page itself is asked again. */
function cacheControlOf(pathname: string): string {
  return pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const limits = resolveLimits(options.limits);
  const app: Promise<HostApp> = 'app' in options ? options.app : Promise.resolve(options);
  // A failed start is answered per request (503); it must not also surface as an unhandled rejection.
  app.catch(() => undefined);
  const language = options.language ?? 'en';
  const refuseNow = refusals(language);
  /** A refusal that may come before the body: the rest of a large one is not read (replies.ts, refusalHeaders). */
  const refuse: Refuse = (req, res, status, said, headers = {}) => {
    void refusalHeaders(req).then((early) => refuseNow(req, res, status, said, { ...early, ...headers }));
  };
  const appOrUnavailable = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<HostApp | null> => {
    try {
      return await app;
    } catch {
      refuse(req, res, 503, phrase('desktop:webhost.startFailedSeeTerminal'));
      return null;
    }
  };
  const token = options.token ?? randomBytes(24).toString('base64url');
  // The system's own words (EMFILE…) stay as they are inside the sentence.
  const server = createLimitedServer(limits, (err) => console.error(say(language, phrase('desktop:webhost.failed', { reason: err.message }))));
  let session = new LaunchSession(token, 0);
  let origin = '';
  let hostHeader = '';

  /** 403 for a foreign Host or Origin or a cross-site fetch, else null. */
  const foreign = (req: http.IncomingMessage): { status: number; said: Phrase } | null => {
    if (req.headers.host !== hostHeader) return { status: 403, said: phrase('desktop:webhost.page.foreignHost') };
    const requestOrigin = req.headers.origin;
    const crossSite = (requestOrigin !== undefined && requestOrigin !== origin) || req.headers['sec-fetch-site'] === 'cross-site';
    if (crossSite) return { status: 403, said: phrase('desktop:webhost.page.foreignSite') };
    return null;
  };
  /** foreign(), then 401 without this host's session (someone opened the address without its token), else null. */
  const guard = (req: http.IncomingMessage): { status: number; said: Phrase } | null => {
    const denied = foreign(req);
    if (denied) return denied;
    if (!session.holdsSession(req.headers.cookie)) return { status: 401, said: phrase('desktop:webhost.page.signIn') };
    return null;
  };

  const tooLargeMessage = (name: string): Phrase => phrase('errors:webhost.fileTooLarge', { name: cleanFileName(name), limit: limits.maxStageBytes });

  /** Stagings under way by the id their page named, so two never report under one. */
  const reporting = new Set<string>();

  async function stage(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const name = url.searchParams.get('name') ?? 'file';
    /** The staging's refusals, with an error status: Chromium drops a 2xx answer that came before its upload's end. */
    const answerRefusal = async (status: number, error: AppError): Promise<void> => sendJson(res, status, { ok: false, error: error.toData() }, await refusalHeaders(req));
    const refuseTooLarge = (): Promise<void> => answerRefusal(413, new AppError('too_large', tooLargeMessage(name)));
    // The page's own label for this staging's progress events, never a file's id: only its shape and that no other
    // staging under way has it are checked.
    const stageId = url.searchParams.get('stage');
    if (stageId !== null && (!STAGE_PROGRESS_ID.test(stageId) || reporting.has(stageId))) return answerRefusal(400, new AppError('validation', phrase('errors:webhost.badRequest')));
    const form = isForm(req);
    const announced = Number(req.headers['content-length']);
    if (Number.isFinite(announced) && announced > limits.maxStageBytes + (form ? FORM_OVERHEAD_BYTES : 0)) return refuseTooLarge();
    let exceeded = false;
    // The staging reads the request itself, stops past the cap, and fails (removing its partial file) when the
    // client goes away.
    const running = await appOrUnavailable(req, res);
    if (!running) return;
    if (stageId !== null) reporting.add(stageId);
    try {
      const onReceived = stageId === null ? undefined : progressReporter((received) => running.events.emit('staging.progress', { stageId, received }));
      const receive = (body: Readable): Promise<FileRef> =>
        running.staging.stage(name, body, { maxBytes: limits.maxStageBytes, onExceeded: () => (exceeded = true), ...(onReceived ? { onReceived } : {}) });
      const ref = form ? await receiveFormFile(req, receive, (staged) => running.staging.release(staged)) : await receive(req);
      // The page gave up (Cancel) once the whole file had come: nobody will name this copy, so it goes now.
      if (res.destroyed || req.socket.destroyed) return await running.staging.release(ref);
      return sendJson(res, 200, { ok: true, value: ref });
    } catch (err) {
      if (exceeded) return refuseTooLarge();
      const error = err instanceof AppError ? err : new AppError('io', phrase('errors:webhost.receiveFailed'));
      return answerRefusal(error.code === 'validation' ? 400 : 500, error);
    } finally {
      if (stageId !== null) reporting.delete(stageId);
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, liftRequestTimeout: () => void): Promise<void> {
    const url = parseTarget(req.url, origin);
    if (!url) return refuse(req, res, 400, phrase('desktop:webhost.page.badTarget'));
    // The printed URL carries the launch token once; it becomes a session cookie and leaves the URL.
    const queryToken = url.searchParams.get('token');
    if (req.method === 'GET' && url.pathname === '/' && queryToken !== null && req.headers.host === hostHeader) {
      const exchange = session.exchange(queryToken, req.headers.cookie);
      if (exchange.kind === 'refused') return refuse(req, res, 401, exchange.said);
      res.writeHead(303, {
        location: '/',
        'cache-control': 'no-store',
        ...(exchange.kind === 'signed-in' ? { 'set-cookie': exchange.setCookie } : {}),
      });
      res.end();
      return;
    }
    const denied = guard(req);
    if (denied) return refuse(req, res, denied.status, denied.said);

    if (url.pathname === '/api/invoke') {
      if (req.method !== 'POST') return refuse(req, res, 405, POST_ONLY, { allow: 'POST' });
      let payload: unknown;
      try {
        payload = await readJsonBody(req);
      } catch (err) {
        const error = err instanceof AppError ? err : new AppError('validation', phrase('errors:webhost.badRequest'));

        return sendJson(res, 400, { ok: false, error: error.toData() });
      }
      const { method, args } = (typeof payload === 'object' && payload !== null ? payload : {}) as { method?: unknown; args?: unknown };
      const running = await appOrUnavailable(req, res);
      if (!running) return;
      return sendJson(res, 200, await running.dispatch(method, args));
    }
    if (url.pathname === '/api/stage') {
      if (req.method !== 'POST') return refuse(req, res, 405, POST_ONLY, { allow: 'POST' });
      // Only now, signed in and on this very path: the upload's long time is no one else's.
      liftRequestTimeout();
      return stage(req, res, url);
    }
    for (const route of options.routes ?? []) {
      if (await route(req, res, url, refuse)) return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(req, res, 405, GET_ONLY, { allow: 'GET, HEAD' });
    const file = await readAppFile(options.rendererDir, url.pathname);
    if (!file) return refuse(req, res, 404, phrase('desktop:webhost.page.notFound'));
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': file.contentType,
      'content-length': file.body.length,
      'content-security-policy': contentSecurityPolicy({ connectSrc: [`ws://${hostHeader}`] }),
      'cache-control': cacheControlOf(url.pathname),
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  /**
   * Every request must arrive whole in time, but an upload the guard let in (the returned function lifts the deadline
   * for it), which is held to the idle and stage timeouts. Lifted by the handler, not by the request's target: a
   * client without the session, or a target that only starts like the upload's, must not trickle a body for hours. A
   * connection idle while main works out the answer is not the client's doing: it is kept until the answer goes.
   */
  function watch(req: http.IncomingMessage, res: http.ServerResponse): () => void {
    res.on('timeout', () => {
      if (req.complete && !res.headersSent) return;
      req.socket.destroy();
    });
    const timer = setTimeout(() => {
      if (req.complete) return;
      if (!res.headersSent) refuseNow(req, res, 408, phrase('desktop:webhost.page.timeout'));
      req.socket.destroySoon();
    }, limits.requestTimeoutMs);
    timer.unref();
    // Not when the answer goes: a request answered early (a 401, a 405) still owes its body, and must not trickle it.
    req.once('close', () => clearTimeout(timer));
    return () => clearTimeout(timer);
  }

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const liftRequestTimeout = watch(req, res);
    handle(req, res, liftRequestTimeout).catch(() => {
      if (!res.headersSent) refuse(req, res, 500, phrase('desktop:webhost.page.internal'));
      else res.destroy();
    });
  });

  const events = attachEventSocket(server, {
    events: app.then((running) => running.events),
    admit: (req) => {
      const denied = guard(req);
      if (denied) return denied.status;
      return parseTarget(req.url, origin)?.pathname === '/api/events' ? null : 404;
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  hostHeader = `127.0.0.1:${port}`;
  origin = `http://${hostHeader}`;
  session = new LaunchSession(token, port);

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    async close() {
      events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
