// The deadline on connecting to a proxy (DEFAULT_PROXY_CONNECT_TIMEOUT_MS in proxy-route.ts): a proxy whose
// connection never completes, as behind a firewall that drops connection attempts, is given up with ETIMEDOUT, which
// the transport takes as a proxy that could not be connected to. Only the connection: once it is up, the proxy's
// answer is waited for under the request's own timeout. The agents (proxy-route.ts) make the proxy's socket inside
// their connect() and keep it to themselves: for an http:// proxy, net.connect publishes it on a diagnostics channel;
// for an https:// proxy, their tls.connect takes the TCP socket made here, whose deadline runs through the handshake.
import diagnostics from 'node:diagnostics_channel';
import net, { type Socket, type TcpNetConnectOpts } from 'node:net';
import { checkServerIdentity, type ConnectionOptions, type PeerCertificate } from 'node:tls';

/** Node publishes here every socket net.connect makes, synchronously, before it starts connecting. */
const NEW_CLIENT_SOCKETS = 'net.client.socket';

function timedOut(timeoutMs: number): NodeJS.ErrnoException {
  return Object.assign(new Error(`connect ETIMEDOUT (no connection within ${timeoutMs} ms)`), { code: 'ETIMEDOUT' });
}

/**
 * Runs an agent's connect() with a deadline on the TCP connection it opens to an http:// proxy. The agents make that
 * socket synchronously, before their first await: a socket published while connect() runs is theirs (nothing else
 * runs meanwhile). One still connecting at the deadline is destroyed with ETIMEDOUT.
 */
export function withConnectDeadline<T>(connect: () => T, timeoutMs: number): T {
  const sockets: Socket[] = [];
  const take = (message: unknown): void => void sockets.push((message as { socket: Socket }).socket);
  diagnostics.subscribe(NEW_CLIENT_SOCKETS, take);
  try {
    return connect();
  } finally {
    diagnostics.unsubscribe(NEW_CLIENT_SOCKETS, take);
    for (const socket of sockets) if (socket.connecting) armConnectDeadline(socket, timeoutMs);
  }
}

function armConnectDeadline(socket: Socket, timeoutMs: number): void {
  const timer = setTimeout(() => socket.destroy(timedOut(timeoutMs)), timeoutMs);
  const stop = (): void => clearTimeout(timer);
  socket.once('connect', stop);
  socket.once('close', stop);
}

export type ProxyConnectOptions = TcpNetConnectOpts & ConnectionOptions;

export interface TlsToProxy {
  /** The agent's own options for its tls.connect to the proxy, with the TCP socket to run TLS over. */
  options: ProxyConnectOptions;
  /** Resolves once the handshake with the proxy is done, or with the error that ended the connection before it. */
  secured: Promise<Error | undefined>;
}

/**
 * Opens the TCP connection to an https:// proxy for an agent's tls.connect, which runs TLS over a socket it is given
 * (and fails with that socket's error). Unless the handshake with the proxy is done within timeoutMs (name lookup, TCP
 * and TLS), the socket is destroyed with ETIMEDOUT. The TLS socket itself stays the agent's, so the handshake's end
 * is heard where tls.connect checks the proxy's certificate against its name: the one callback it makes there, once
 * per handshake (a proxy's connection never resumes a session, and its certificate is always checked).
 */
export function tlsToProxy(agentOptions: ProxyConnectOptions, timeoutMs: number): TlsToProxy {
  const socket = net.connect({ host: agentOptions.host ?? 'localhost', port: agentOptions.port });
  let secure: (failure: Error | undefined) => void = () => undefined;
  const secured = new Promise<Error | undefined>((resolve) => (secure = resolve));
  const timer = setTimeout(() => socket.destroy(timedOut(timeoutMs)), timeoutMs);
  let failure: Error | undefined;
  socket.once('error', (err) => (failure = err));
  socket.once('close', () => {
    clearTimeout(timer);
    secure(failure ?? Object.assign(new Error('the proxy closed the connection during the TLS handshake'), { code: 'ECONNRESET' }));
  });
  const check = agentOptions.checkServerIdentity ?? checkServerIdentity;
  const checkThenStop = (name: string, cert: PeerCertificate): Error | undefined => {
    const refused = check(name, cert);
    if (refused === undefined) {
      clearTimeout(timer);
      secure(undefined);
    }
    return refused;
  };
  return { options: { ...agentOptions, socket, checkServerIdentity: checkThenStop }, secured };
}
