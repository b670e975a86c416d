// The Electron host's proxy (`electron` mocked): the app asks the session for each request's URL
// (session.resolveProxy, which applies the OS settings and PAC files) and follows its answer; the environment's
// HTTP_PROXY is Chromium's business there, not the app's.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readBody, send } from '../../../main/providers/http/transport';
import { startTestProxy, type TestProxy } from '../../helpers/test-proxy';
import { electron } from './support/electron-mock';
import { quitHost, removeFolder, startHost, tempFolder } from './support/host';

vi.mock('electron', async () => (await import('./support/electron-mock')).electronModule);
vi.mock('electron-updater', async () => (await import('./support/electron-mock')).electronUpdaterModule);

let dataDir: string;
let origin: http.Server;
let originHost: string;
let systemProxy: TestProxy;
let envProxy: TestProxy;
const envBefore = process.env.HTTP_PROXY;

beforeAll(async () => {
  systemProxy = await startTestProxy();
  envProxy = await startTestProxy();
  process.env.HTTP_PROXY = envProxy.url;
  origin = http.createServer((req, res) => res.end(`hello ${req.url}`));
  await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r));
  originHost = `127.0.0.1:${(origin.address() as AddressInfo).port}`;
  dataDir = await tempFolder('proxy');
  await startHost(dataDir);
});
afterAll(async () => {
  await quitHost();
  if (envBefore === undefined) delete process.env.HTTP_PROXY;
  else process.env.HTTP_PROXY = envBefore;
  origin.closeAllConnections();
  await new Promise((r) => origin.close(r));
  await systemProxy.close();
  await envProxy.close();
  await removeFolder(dataDir);
});

async function get(pathname: string): Promise<string> {
  const res = await send({ method: 'GET', url: new URL(`http://${originHost}${pathname}`) });
  return (await readBody(res)).toString('utf8');
}

describe('the Electron host and the system proxy', () => {
  it("asks the session for each request's URL and goes through the proxy it names, skipping SOCKS", async () => {
    electron.resolveProxy.mockImplementation(() => Promise.resolve(`SOCKS5 127.0.0.1:1; PROXY 127.0.0.1:${systemProxy.port}; DIRECT`));
    expect(await get('/via-system')).toBe('hello /via-system');
    expect(electron.resolveProxy).toHaveBeenLastCalledWith(`http://${originHost}/via-system`);
    expect(systemProxy.seenFor(originHost).map((s) => s.target)).toEqual([`http://${originHost}/via-system`]);
    expect(envProxy.seen).toEqual([]);
  });

  it('goes direct when the session says DIRECT', async () => {
    electron.resolveProxy.mockImplementation(() => Promise.resolve('DIRECT'));
    const before = systemProxy.seen.length;
    expect(await get('/direct')).toBe('hello /direct');
    expect(systemProxy.seen.length).toBe(before);
    expect(envProxy.seen).toEqual([]);
  });

  it('fails in words when the system offers only a SOCKS proxy', async () => {
    electron.resolveProxy.mockImplementation(() => Promise.resolve('SOCKS5 127.0.0.1:1080'));
    await expect(get('/socks')).rejects.toMatchObject({ code: 'config', message: expect.stringContaining('Media Desk supports HTTP proxies only, not SOCKS') });
  });
});
