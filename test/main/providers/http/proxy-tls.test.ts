// An `HTTPS host:port` entry of the system's proxy list (TLS to the proxy itself) is held to the same connect timeout
// as a `PROXY` entry, handshake included: one that takes the TCP connection and never completes TLS, or never
// accepts it, is passed over for the next entry and said in the activity log; one whose handshake is done is never
// given up by that timeout, however slow it is to answer afterwards.
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { tlsToProxy } from '../../../../main/providers/http/proxy-connect';
import { routeFromPac } from '../../../../main/providers/http/proxy-pac';
import { useRoutePicker } from '../../../../main/providers/http/proxy-route';
import { hostOf, useProxyTargets } from './proxy-targets';
import { readBody, send } from '../../../../main/providers/http/transport';
import { startDroppingListener } from '../../../helpers/dropping-listener';
import { logged, passedOver } from '../../../helpers/logged-requests';

const targets = useProxyTargets();


/** A loopback port that takes TCP connections and never says a word: no TLS handshake ever completes. */
async function startMuteListener(): Promise<{ port: number; close(): void }> {
  const taken: net.Socket[] = [];
  const server = net.createServer((socket) => void taken.push(socket)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, close: () => (taken.forEach((s) => s.destroy()), server.close()) };
}

describe("an 'HTTPS host:port' proxy entry that never completes the connection", () => {
  const cases = [
    ['takes TCP and never completes TLS', startMuteListener],
    ['never accepts TCP (a firewall dropping it)', startDroppingListener],
  ] as const;
  it.each(cases.flatMap(([what, start]) => (['http', 'https'] as const).map((scheme) => [what, scheme, start] as const)))(
    'is passed over once the connect timeout runs out: %s (%s)',
    async (_what, scheme, start) => {
      const stuck = await start();
      useRoutePicker((url) => Promise.resolve(routeFromPac(`HTTPS 127.0.0.1:${stuck.port}; PROXY 127.0.0.1:${targets.open.port}; DIRECT`, url)));
      const target = hostOf(scheme === 'http' ? targets.plain : targets.secure);
      const before = targets.open.seenFor(target).length;
      const started = Date.now();
      try {
        const lines = await logged(async () => {
          const res = await send({ method: 'GET', url: new URL(`${scheme}://${target}/stuck`), tls: { ca: targets.cert.cert }, proxyConnectTimeoutMs: 300, timeoutMs: 3000 });
          expect(`${res.status} ${(await readBody(res)).toString()}`).toBe('200 hello /stuck');
        });
        expect(lines[0]).toBe(passedOver(`GET ${scheme}://${target}/stuck`, `127.0.0.1:${stuck.port}`, 'ETIMEDOUT', `the proxy 127.0.0.1:${targets.open.port}`));
        expect(targets.open.seenFor(target).length).toBe(before + 1);
        // Well before the request's own 3 s, which is what such an entry waited without the deadline.
        expect(Date.now() - started).toBeLessThan(2500);
      } finally {
        stuck.close();
      }
    },
  );
});

describe('the TLS connection to a proxy (tlsToProxy)', () => {
  it('is left alone once its handshake is done, however long the proxy then stays silent', async () => {
    const proxy = tls.createServer({ cert: targets.cert.cert, key: targets.cert.key }, () => undefined).listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    const { options, secured } = tlsToProxy({ host: '127.0.0.1', port: (proxy.address() as AddressInfo).port, ca: targets.cert.cert }, 150);
    const socket = tls.connect(options);
    let failure: unknown;
    socket.on('error', (err: Error) => (failure = err));
    await once(socket, 'secureConnect');
    expect(await secured).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect([socket.destroyed, failure]).toEqual([false, undefined]);
    socket.destroy();
    proxy.close();
  });

  it('says why a connection ended before its handshake: the deadline (ETIMEDOUT), or the proxy refusing it', async () => {
    const mute = await startMuteListener();
    const stuck = tlsToProxy({ host: '127.0.0.1', port: mute.port }, 100);
    tls.connect(stuck.options).on('error', () => undefined);
    expect(await stuck.secured).toMatchObject({ code: 'ETIMEDOUT' });
    mute.close();

    const refused = tlsToProxy({ host: '127.0.0.1', port: mute.port }, 5000);
    tls.connect(refused.options).on('error', () => undefined);
    expect(await refused.secured).toMatchObject({ code: 'ECONNREFUSED' });
  });
});
