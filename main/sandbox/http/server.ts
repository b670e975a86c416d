// Loopback HTTP servers: listen on 127.0.0.1 only, and close promptly (keep-alive connections included).
import http from 'node:http';
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';

export function createLoopbackServer(listener: http.RequestListener): http.Server {
  const server = http.createServer({ keepAliveTimeout: 5_000, headersTimeout: 60_000, requestTimeout: 0 }, listener);
  // Large uploads can take longer than Node's default request timeout; idle sockets still time out.
  server.setTimeout(120_000);
  return server;
}

export function listenLoopback(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(
        err.code === 'EADDRINUSE'
          ? new AppError('network', phrase('errors:sandbox.portInUse', { port }))
          : new AppError('network', phrase('errors:sandbox.cannotListen', { port, code: err.code ?? err.message })),
      );
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

export function closeServer(server: http.Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
