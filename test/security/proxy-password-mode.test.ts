// The proxy password saved for a manual proxy does not follow a switch to the system's proxy: Settings keeps the
// manual host and port when "system" is chosen, so only the mode tells the two apart. Here the system's proxy is
// HTTPS_PROXY, a real server that records the credentials it is offered; the window switches the mode directly,
// or through "none" (off), and the app then makes a request through that proxy.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROXY_PASSWORD_KEY, type ProxySetting } from '../../main/common/proxy';
import { bootTestApp } from '../helpers/app-harness';

const PASSWORD = 'Secret-For-A ä:%';
let app: Awaited<ReturnType<typeof bootTestApp>>;
const offered: string[] = [];
const systemProxy = http.createServer((_req, res) => res.writeHead(502).end());
systemProxy.on('connect', (req, socket) => {
  offered.push(String(req.headers['proxy-authorization'] ?? ''));
  socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
});

beforeAll(async () => {
  await new Promise<void>((resolve) => systemProxy.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(systemProxy.address() as AddressInfo).port}`;
  app = await bootTestApp(undefined, { env: { HTTPS_PROXY: url, HTTP_PROXY: url } });
});
afterAll(async () => {
  await app.cleanup();
  systemProxy.close();
});
beforeEach(() => void (offered.length = 0));

async function call(method: string, args: unknown): Promise<unknown> {
  const answer = await app.dispatch(method, args);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
  return answer.value;
}

const manualA: ProxySetting = { mode: 'manual', host: '10.9.9.9', port: 3128, username: 'corp', credentialsProxy: '', bypass: '' };

/** A request of the app's that goes through the system's proxy (https: a CONNECT). */
async function requestThroughSystemProxy(): Promise<void> {
  const { id } = (await call('accounts.create', {
    config: { kind: 'library', label: `L${Date.now()}`, serverUrl: 'https://library.example.com', domain: 'example.com', userId: 'u', appId: 'a' },
    secret: 'library secret',
  })) as { id: string };
  await app.dispatch('library.listFolders', { accountId: id });
}

const decoded = () => offered.map((header) => Buffer.from(header.replace(/^Basic /, ''), 'base64').toString());

describe("a manual proxy's password and the system's proxy", () => {
  it.each([
    ['straight to "system"', ['system']],
    ['through "none"', ['none', 'system']],
  ] as const)('is dropped on a switch %s, and the system proxy is offered no password', async (_how, modes) => {
    await call('settings.update', { proxy: manualA });
    await call('settings.setProxyPassword', { password: PASSWORD });
    for (const mode of modes) await call('settings.update', { proxy: { ...manualA, mode } });
    expect(app.services.vault.has(PROXY_PASSWORD_KEY)).toBe(false);
    await requestThroughSystemProxy();
    expect(offered.length).toBeGreaterThan(0);
    expect(decoded().join('\n')).not.toContain('Secret-For-A');
  });

  it('is kept when the proxy is turned off and on again', async () => {
    await call('settings.update', { proxy: manualA });
    await call('settings.setProxyPassword', { password: PASSWORD });
    await call('settings.update', { proxy: { ...manualA, mode: 'none' } });
    await call('settings.update', { proxy: manualA });
    expect(app.services.vault.get(PROXY_PASSWORD_KEY)).toBe(PASSWORD);
  });
});
