// How much and how long the browser host gives any one client. A process on this machine can open sockets to the
// host and send anything, slowly or not at all; these limits keep such a client from holding the host, and every
// failure of a raw connection is answered and closed here instead of reaching the process.
import http from 'node:http';
import type { Duplex } from 'node:stream';

export interface HostLimits {
  /** The largest file the page may stage, in bytes. */
  maxStageBytes: number;
  /** Open connections at once (HTTP and WebSocket); further ones are closed at once. */
  maxConnections: number;
  /** A request's headers must arrive within this. */
  headersTimeoutMs: number;
  /** Every request but staging must arrive whole (headers and body) within this. */
  requestTimeoutMs: number;
  /** A staging upload must arrive whole within this, as long as it keeps moving (see idleTimeoutMs). */
  stageTimeoutMs: number;
  /** A connection that carries nothing either way for this long is closed (the events WebSocket excepted). */
  idleTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
}

/**
 * Generous for media on a loopback link: a 4 GiB video stages in seconds to minutes. A browser opens about six
 * connections per host; 128 leaves room for several tabs.
 */
export const HOST_LIMIT_DEFAULTS: Readonly<HostLimits> = {
  maxStageBytes: 4 * 1024 ** 3,
  maxConnections: 128,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  stageTimeoutMs: 2 * 60 * 60_000,
  idleTimeoutMs: 120_000,
  keepAliveTimeoutMs: 5_000,
};

/** The defaults with the given values that are positive numbers in place (anything else is ignored). */
export function resolveLimits(given: Partial<Record<keyof HostLimits, unknown>> = {}): HostLimits {
  const limits = { ...HOST_LIMIT_DEFAULTS };
  for (const key of Object.keys(limits) as Array<keyof HostLimits>) {
    const value = given[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) limits[key] = value;
  }
  return limits;
}

const noop = (): void => undefined;

/**
 * Answers a raw connection with a bare status and closes it. It never throws and never leaves an 'error' event
 * without a listener: the peer may already have reset the connection. A peer that never reads is cut off.
 */
export function refuseSocket(socket: Duplex, status: number): void {
  socket.on('error', noop);
  if (!socket.writable || socket.destroyed) {
    socket.destroy();
    return;
  }
  const reason = http.STATUS_CODES[status] ?? 'Error';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  const timer = setTimeout(() => socket.destroy(), 2_000);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

function clientErrorStatus(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/** An HTTP server with the limits applied and every raw-connection failure handled. */
export function createLimitedServer(limits: HostLimits, onError: (err: Error) => void): http.Server {
  // Node checks the header and request deadlines on a timer; it must tick well within the shortest of them.
  const checkEvery = Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 2)));
  const server = http.createServer({
    headersTimeout: limits.headersTimeoutMs,
    // Node's own deadline covers the whole request; the shorter one for non-staging requests is the server's.
    requestTimeout: Math.max(limits.stageTimeoutMs, limits.headersTimeoutMs),
    connectionsCheckingInterval: checkEvery,
  });
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.timeout = limits.idleTimeoutMs;
  server.maxConnections = limits.maxConnections;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A response already under way cannot be followed by an error status.
    const pending = (socket as { _httpMessage?: unknown })._httpMessage;
    const responding = pending !== undefined && pending !== null;
    if (err.code === 'ECONNRESET' || responding) {
      socket.on('error', noop);
      socket.destroy();
      return;
    }
    refuseSocket(socket, clientErrorStatus(err.code));
  });
  // After listening, errors such as running out of file descriptors on accept must not end the process.
  server.on('error', onError);
  return server;
}
