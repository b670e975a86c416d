// What the TLS-proxy tests send through a proxy: a plain and an https server on loopback that answer "hello <url>",
// an open proxy (a route's next entry), and the test certificate the https server presents. One file's tests share
// them; the route picker is reset after each test.
import { once } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { useRoutePicker } from '../../../../main/providers/http/proxy-route';
import { startTestProxy, type TestProxy } from '../../../helpers/test-proxy';
import { selfSignedCertificate, type TestCertificate } from '../../../reliability/support/cert';

export interface ProxyTargets {
  cert: TestCertificate;
  plain: http.Server;
  secure: https.Server;
  open: TestProxy;
}

export const hostOf = (server: http.Server): string => `127.0.0.1:${(server.address() as AddressInfo).port}`;

const answer = (req: http.IncomingMessage, res: http.ServerResponse): void => void res.end(`hello ${req.url}`);

/** Starts the targets before the file's tests (filled in then) and stops them after. */
export function useProxyTargets(): ProxyTargets {
  const targets = {} as ProxyTargets;
  beforeAll(async () => {
    targets.cert = await selfSignedCertificate();
    targets.plain = http.createServer(answer).listen(0, '127.0.0.1');
    targets.secure = https.createServer({ cert: targets.cert.cert, key: targets.cert.key }, answer).listen(0, '127.0.0.1');
    await Promise.all([once(targets.plain, 'listening'), once(targets.secure, 'listening')]);
    targets.open = await startTestProxy();
  });
  afterEach(() => useRoutePicker(undefined));
  afterAll(async () => {
    for (const server of [targets.plain, targets.secure]) {
      server.closeAllConnections();
      server.close();
    }
    await targets.open.close();
  });
  return targets;
}
