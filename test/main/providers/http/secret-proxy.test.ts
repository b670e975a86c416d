// A plain-http account's secret and a proxy the window (Settings) or the system names: "allow insecure http" is the
// user's consent for the account's own server, never for a proxy, which reads every byte of a plain-http request.
// A real hostile proxy (TooTallNate's `proxy`) on this machine's non-loopback address, a real server there that the
// account was saved for, and the real library client: what the proxy received is what is asserted.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { createProxy } from 'proxy';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LibraryClient } from '../../../../main/providers/library/client';
import { useRoutePicker } from '../../../../main/providers/http/proxy-route';
import { startTestProxy, type TestProxy } from '../../../helpers/test-proxy';

const PASSWORD = 'alice-real-password';
/** This machine's address on a network (not loopback): where the hostile proxy and the account's server listen. */
const farAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal)?.address;

interface Heard {
  target: string;
  authorization?: string;
}

function listening(server: http.Server, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

describe.skipIf(farAddress === undefined)('a plain-http secret and a proxy', () => {
  const address = farAddress ?? '';
  const heardByProxy: Heard[] = [];
  const heardByServer: Heard[] = [];
  const hostile = createProxy();
  const server = http.createServer((req, res) => {
    heardByServer.push({ target: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  let serverUrl = '';
  let hostileUrl = '';
  let local: TestProxy;

  beforeAll(async () => {
    const record = (req: http.IncomingMessage): void => {
      heardByProxy.push({ target: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    };
    hostile.prependListener('request', record);
    hostile.prependListener('connect', record);
    hostileUrl = `http://${address}:${await listening(hostile, address)}`;
    serverUrl = `http://${address}:${await listening(server, address)}`;
    local = await startTestProxy();
  });
  afterEach(() => {
    useRoutePicker(undefined);
    heardByProxy.length = 0;
    heardByServer.length = 0;
  });
  afterAll(async () => {
    for (const s of [hostile, server]) {
      s.closeAllConnections();
      s.close();
    }
    await local.close();
  });

  const client = () => new LibraryClient({ serverUrl, domain: 'office', userId: 'alice', appId: 'app', password: PASSWORD, allowInsecure: true });
  const through = (proxyUrl: string) => useRoutePicker(() => Promise.resolve({ kind: 'proxy', proxy: { url: new URL(proxyUrl), source: 'Settings' } }));

  it('sends nothing to a proxy elsewhere, though the account allows insecure http to its server', async () => {
    through(hostileUrl);
    await expect(client().listFolders()).rejects.toMatchObject({ code: 'insecure', message: expect.stringContaining(new URL(hostileUrl).host) as unknown });
    expect(heardByProxy).toEqual([]);
    expect(heardByServer).toEqual([]);
  });

  it('goes through a proxy on this machine, and directly to the server it was saved for', async () => {
    through(local.url);
    await client().listFolders();
    expect(local.seenFor(new URL(serverUrl).host)).toHaveLength(1);
    useRoutePicker(() => Promise.resolve({ kind: 'direct' }));
    await client().listFolders();
    expect(heardByServer).toHaveLength(2);
    expect(Buffer.from(heardByServer[0]?.authorization?.split(' ')[1] ?? '', 'base64').toString()).toContain(PASSWORD);
  });
});
