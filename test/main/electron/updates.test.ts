// The app's updates against a feed server on 127.0.0.1, driven through electron-updater's real updater (its generic
// provider, latest-linux.yml parsing, version comparison, download and sha512 check). What is not exercised here: the
// HTTP transport (electron-updater uses Electron's `net`; the test swaps in a Node one, see NodeHttp) and the OS
// install step after `quitAndInstall` (it needs the packaged binary).
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '../../../main/common/contract';
import { createUpdatesPort } from '../../../main/electron/updates';

// electron-updater requires `electron` lazily; the real package would try to download its binary. Any use fails loudly.
const require = createRequire(import.meta.url);
require.cache[require.resolve('electron')] = {
  exports: new Proxy({}, { get: (_target, key) => { throw new Error(`electron.${String(key)} was used by the updates test`); } }),
} as unknown as NodeJS.Module;
const { DebUpdater } = require('electron-updater') as typeof import('electron-updater');

const { ElectronHttpExecutor } = require('electron-updater/out/electronHttpExecutor') as {
  ElectronHttpExecutor: new () => { createRequest(options: http.RequestOptions, callback: (response: http.IncomingMessage) => void): unknown };
};

/** electron-updater's own HTTP executor (download, redirects, sha512 check), with Node's socket in place of Electron's `net` session. */
class NodeHttp extends ElectronHttpExecutor {
  override createRequest(options: http.RequestOptions, callback: (response: http.IncomingMessage) => void): http.ClientRequest {
    return http.request(options, callback);
  }
}

const ARTIFACT = Buffer.alloc(300 * 1024, 'media desk 2.0.0 ');
const sha512 = (data: Buffer) => createHash('sha512').update(data).digest('base64');

let feed: { version: string; artifact: Buffer; notes: string } = { version: '2.0.0', artifact: ARTIFACT, notes: '' };
let server: http.Server;
let feedUrl: string;
let work: string;

function latestYml(): string {
  const name = `media-desk_${feed.version}_amd64.deb`;
  return [
    `version: ${feed.version}`,
    'files:',
    `  - url: ${name}`,
    `    sha512: ${sha512(ARTIFACT)}`,
    `    size: ${ARTIFACT.length}`,
    `path: ${name}`,
    `sha512: ${sha512(ARTIFACT)}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    `releaseNotes: '${feed.notes}'`,
    '',
  ].join('\n');
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/media-desk/latest-linux.yml') {
      res.writeHead(200, { 'content-type': 'text/yaml' }).end(latestYml());
    } else if (url.pathname === `/media-desk/media-desk_${feed.version}_amd64.deb`) {
      res.writeHead(200, { 'content-length': feed.artifact.length }).end(feed.artifact);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/media-desk/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let statuses: UpdateStatus[];
beforeEach(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'md-updates-'));
  statuses = [];
  feed = { version: '2.0.0', artifact: ARTIFACT, notes: '<p>Faster uploads &amp; a <b>new</b> library view</p>' };
});
afterEach(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

async function updaterFor(url: string) {
  const configPath = path.join(work, 'app-update.yml');
  await fs.writeFile(configPath, `provider: generic\nurl: ${url}\nupdaterCacheDirName: media-desk-updater\n`);
  const updater = new DebUpdater(null, {
    version: '1.0.0',
    name: 'Media Desk',
    isPackaged: true,
    appUpdateConfigPath: configPath,
    userDataPath: path.join(work, 'user-data'),
    baseCachePath: path.join(work, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  });
  Reflect.set(updater, 'httpExecutor', new NodeHttp());
  updater.setFeedURL({ provider: 'generic', url });
  const log = vi.fn();
  const port = createUpdatesPort(updater, { publish: (s) => statuses.push(s), log });
  return { updater, port, log };
}

describe('updates from the feed in app-update.yml', () => {
  it('finds a newer version and says what is new, without downloading it', async () => {
    const { port } = await updaterFor(feedUrl);
    const status = await port.check();
    expect(status).toEqual({ state: 'available', version: '2.0.0', releaseNotes: 'Faster uploads & a new library view', releaseDate: '2026-12-01T10:00:00.000Z' });
    expect(statuses.map((s) => s.state)).toEqual(['checking', 'available']);
    await expect(fs.readdir(path.join(work, 'cache'))).rejects.toThrow();
  });

  it('downloads it in the background with progress, checks its sha512, and installs on the word', async () => {
    const { updater, port } = await updaterFor(feedUrl);
    await port.check();
    const quitAndInstall = vi.spyOn(updater, 'quitAndInstall').mockImplementation(() => {});
    expect(() => port.install()).toThrow(/No update has been downloaded/);
    const done = await port.download();
    expect(done).toMatchObject({ state: 'downloaded', version: '2.0.0' });
    expect(statuses.some((s) => s.state === 'downloading')).toBe(true);
    const pending = path.join(work, 'cache', 'media-desk-updater', 'pending');
    const [file] = (await fs.readdir(pending)).filter((f) => f.endsWith('.deb'));
    expect(await fs.readFile(path.join(pending, file ?? ''))).toEqual(ARTIFACT);
    expect(quitAndInstall).not.toHaveBeenCalled();
    port.install();
    expect(quitAndInstall).toHaveBeenCalledWith(false, true);
  });

  it('says the app is up to date when the feed offers nothing newer', async () => {
    feed.version = '1.0.0';
    const { port } = await updaterFor(feedUrl);
    expect(await port.check()).toEqual({ state: 'up-to-date', version: '1.0.0' });
    await expect(port.download()).rejects.toThrow(/no update to download/);
  });

  it('refuses an artifact whose sha512 does not match latest-linux.yml, and keeps nothing of it', async () => {
    const tampered = Buffer.from(ARTIFACT);
    tampered.write('evil', 1000);
    feed.artifact = tampered;
    const { updater, port } = await updaterFor(feedUrl);
    await port.check();
    const quitAndInstall = vi.spyOn(updater, 'quitAndInstall').mockImplementation(() => {});
    const status = await port.download();
    expect(status).toMatchObject({ state: 'error', message: expect.stringMatching(/update to 2\.0\.0 was not installed: sha512 checksum mismatch/) as unknown });
    const pending = path.join(work, 'cache', 'media-desk-updater', 'pending');
    const left = await fs.readdir(pending).catch(() => []);
    expect(left.filter((f) => f.endsWith('.deb'))).toEqual([]);
    expect(() => port.install()).toThrow(/No update has been downloaded/);
    expect(quitAndInstall).not.toHaveBeenCalled();
  });

  it('says so when the feed is down, without throwing: the app keeps working', async () => {
    const down = http.createServer();
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(down.address() as AddressInfo).port}/media-desk/`;
    await new Promise((resolve) => down.close(resolve));
    const { port } = await updaterFor(url);
    const status = await port.check();
    expect(status).toMatchObject({ state: 'error', message: expect.stringMatching(/^Could not check for updates: .*ECONNREFUSED.*The app keeps working/) as unknown });
    expect(port.status()).toEqual(status);
  });
});
