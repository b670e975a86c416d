import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeMessages, sid } from './support/fake-data.js';
import { startFakeTwilio, type FakeTwilio } from './support/fake-twilio.js';
import { authTokenClient } from './support/clients.js';

let fake: FakeTwilio;
let dir: string;
let brokenCdn: http.Server | undefined;
beforeEach(async () => {
  fake = await startFakeTwilio(makeMessages(1, '2024-03-01', 1));
  dir = await mkdtemp(path.join(os.tmpdir(), 'twilio-download-'));
});
afterEach(async () => {
  await fake.close();
  if (brokenCdn) {
    brokenCdn.closeAllConnections();
    await new Promise<void>((resolve) => brokenCdn?.close(() => resolve()));
    brokenCdn = undefined;
  }
  await rm(dir, { recursive: true, force: true });
});

const messageSid = sid('MM', 1);
const media = () => {
  const m = fake.messages[0]?.media[0];
  if (!m) throw new Error('fixture');
  return m;
};

/** A media host that announces more bytes than it sends, then hangs up (or sends slowly until told to stop). */
async function startBrokenCdn(mode: 'short' | 'slow'): Promise<string> {
  brokenCdn = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': '1000' });
    res.write(Buffer.alloc(100, 1));
    if (mode === 'short') setImmediate(() => res.destroy());
  });
  await new Promise<void>((resolve) => brokenCdn?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(brokenCdn.address() as AddressInfo).port}`;
}

describe('downloadMedia', () => {
  it('saves the bytes under the name from the media host, reporting progress', async () => {
    media().fileName = 'cat.jpg';
    const progress: Array<[number, number | undefined]> = [];
    const result = await authTokenClient(fake.baseUrl).downloadMedia(messageSid, media().sid, { dir }, { onProgress: (n, total) => progress.push([n, total]) });
    expect(result.path).toBe(path.join(dir, 'cat.jpg'));
    expect(await readFile(result.path)).toEqual(media().bytes);
    expect(result.bytes).toBe(media().bytes.length);
    expect(progress.at(-1)).toEqual([media().bytes.length, media().bytes.length]);
    expect(await readdir(dir)).toEqual(['cat.jpg']);
  });

  it('never overwrites a file already in the folder', async () => {
    await writeFile(path.join(dir, `${media().sid}.jpg`), 'mine');
    const result = await authTokenClient(fake.baseUrl).downloadMedia(messageSid, media().sid, { dir });
    expect(path.basename(result.path)).toBe(`${media().sid} (1).jpg`);
    expect(await readFile(path.join(dir, `${media().sid}.jpg`), 'utf8')).toBe('mine');
  });

  it('writes to an exact path when given one', async () => {
    const target = path.join(dir, 'chosen.bin');
    const result = await authTokenClient(fake.baseUrl).downloadMedia(messageSid, media().sid, { path: target });
    expect(result.path).toBe(target);
    expect(await readFile(target)).toEqual(media().bytes);
  });

  it('a download cut short leaves no file at all, not even the temporary one', async () => {
    const cdn = await startBrokenCdn('short');
    fake.mediaRedirect = () => ({ status: 302, location: `${cdn}/media` });
    const err = authTokenClient(fake.baseUrl).downloadMedia(messageSid, media().sid, { dir });
    await expect(err).rejects.toMatchObject({ code: 'network' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('a cancelled download says so and leaves no file', async () => {
    const cdn = await startBrokenCdn('slow');
    fake.mediaRedirect = () => ({ status: 302, location: `${cdn}/media` });
    const controller = new AbortController();
    const err = authTokenClient(fake.baseUrl).downloadMedia(messageSid, media().sid, { dir }, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(err).rejects.toMatchObject({ code: 'cancelled' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a relative destination or a missing folder before downloading', async () => {
    const client = authTokenClient(fake.baseUrl);
    await expect(client.downloadMedia(messageSid, media().sid, { dir: 'relative/dir' })).rejects.toMatchObject({ code: 'validation' });
    await expect(client.downloadMedia(messageSid, media().sid, { dir: path.join(dir, 'missing') })).rejects.toMatchObject({ code: 'io' });
    expect(fake.log).toHaveLength(0);
  });
});
