// `npm start`'s runtime download, end to end on loopback: Electron's own install.js (copied with its package.json
// and checksums.json into a temporary node_modules, so the real node_modules/electron/dist is never touched) against
// a mirror server in this test that serves a stand-in Electron zip and its SHASUMS256.txt.
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureElectronRuntime, fallbackMessage, reasonFromOutput } from '../../scripts/electron-runtime.mjs';

const ROOT = path.resolve(__dirname, '../..');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const ZIP_NAME = `electron-v${VERSION}-${process.platform}-${process.arch}.zip`;

/** A zip with stored (uncompressed) entries, written by hand: no zip library is installed. */
function storedZip(entries: Array<{ name: string; data: Buffer; mode: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, mode } of entries) {
    const nameBytes = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode in the external attributes counts
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(((0o100000 | mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

// Padding makes the zip big enough for a cut download to be cut in the middle of the body.
const ZIP = storedZip([
  { name: 'electron', data: Buffer.from('#!/bin/sh\necho stand-in electron\n'), mode: 0o755 },
  { name: 'version', data: Buffer.from(VERSION), mode: 0o644 },
  { name: 'LICENSE', data: Buffer.alloc(256 * 1024, 'x'), mode: 0o644 },
]);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

type Mode = 'good' | 'slow' | 'wrong-checksum' | 'cut';
let mode: Mode = 'good';
let server: http.Server;
let mirror: string;
let work: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === `/v${VERSION}/SHASUMS256.txt`) {
      const sum = mode === 'wrong-checksum' ? sha256(Buffer.from('something else')) : sha256(ZIP);
      res.end(`${sum} *${ZIP_NAME}\n`);
    } else if (req.url === `/v${VERSION}/${ZIP_NAME}`) {
      res.writeHead(200, { 'content-length': ZIP.length, 'content-type': 'application/zip' });
      if (mode === 'cut') {
        res.write(ZIP.subarray(0, ZIP.length / 2), () => res.destroy());
      } else if (mode === 'slow') {
        res.write(ZIP.subarray(0, ZIP.length / 2));
        setTimeout(() => res.end(ZIP.subarray(ZIP.length / 2)), 400);
      } else {
        res.end(ZIP);
      }
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let electronDir: string;
beforeEach(async () => {
  mode = 'good';
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'md-electron-runtime-'));
  electronDir = path.join(work, 'node_modules', 'electron');
  await fs.mkdir(electronDir, { recursive: true });
  for (const file of ['install.js', 'package.json', 'checksums.json', 'index.js']) {
    await fs.copyFile(path.join(ROOT, 'node_modules/electron', file), path.join(electronDir, file));
  }
  // install.js requires @electron/get and @electron-internal/extract-zip: resolvable through these links.
  for (const scope of ['@electron', '@electron-internal']) {
    await fs.symlink(path.join(ROOT, 'node_modules', scope), path.join(work, 'node_modules', scope), 'dir');
  }
});
afterEach(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

function envFor(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_MIRROR: mirror, electron_use_remote_checksums: '1', electron_config_cache: path.join(work, 'cache'), ...overrides };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  for (const [key, value] of Object.entries(overrides)) env[key] = value;
  return env;
}

describe("npm start's Electron runtime", () => {
  it('downloads the runtime through install.js from ELECTRON_MIRROR, shows the bytes so far, and returns the executable', async () => {
    mode = 'slow';
    const lines: string[] = [];
    const result = await ensureElectronRuntime({ electronDir, env: envFor(), report: (line) => lines.push(line), tickMs: 5 });
    expect(result).toEqual({ ok: true, binary: path.join(electronDir, 'dist', 'electron'), downloaded: true });
    expect(readFileSync(path.join(electronDir, 'dist', 'version'), 'utf8')).toBe(VERSION);
    expect(lines[0]).toMatch(/downloading it once/);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`Downloading Electron ${VERSION.replace(/\./g, '\\.')}: 128 KB \\(\\d+ s\\)`)));
    expect(lines.at(-1)).toMatch(new RegExp(`Downloaded Electron ${VERSION.replace(/\./g, '\\.')}`));
    // The archive landed in electron_config_cache, so the next install needs no network.
    expect(JSON.stringify(await fs.readdir(path.join(work, 'cache'), { recursive: true }))).toContain(ZIP_NAME);
    expect(await ensureElectronRuntime({ electronDir, env: envFor() })).toMatchObject({ ok: true, downloaded: false });
  });

  it("refuses a zip whose checksum does not match the mirror's SHASUMS256.txt", async () => {
    mode = 'wrong-checksum';
    const result = await ensureElectronRuntime({ electronDir, env: envFor() });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/the download from http:\/\/127\.0\.0\.1:\d+\/ failed: .*checksum/i) as unknown });
    expect(existsSync(path.join(electronDir, 'dist', 'electron'))).toBe(false);
  });

  it("checks against the package's own checksums.json unless remote checksums are asked for, so a stand-in is refused", async () => {
    const result = await ensureElectronRuntime({ electronDir, env: envFor({ electron_use_remote_checksums: '' }) });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/checksum/i) as unknown });
  });

  it('says the mirror cannot be reached when it is down', async () => {
    const down = http.createServer();
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const port = (down.address() as AddressInfo).port;
    await new Promise((resolve) => down.close(resolve));
    const result = await ensureElectronRuntime({ electronDir, env: envFor({ ELECTRON_MIRROR: `http://127.0.0.1:${port}/` }) });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/failed: fetch failed: the server could not be reached/) as unknown });
    expect(existsSync(path.join(electronDir, 'path.txt'))).toBe(false);
  });

  it('stops a download that receives nothing, instead of waiting forever on a mirror that never answers', async () => {
    const silent = http.createServer(() => {}); // takes the request, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
      const result = await ensureElectronRuntime({ electronDir, env: envFor({ ELECTRON_MIRROR: url }), tickMs: 50, stallMs: 1500 });
      expect(result).toEqual({ ok: false, reason: `the download from ${url} failed: nothing arrived for 2 s, so it was stopped` });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('fails cleanly on a download cut half-way, leaving no runtime behind', async () => {
    mode = 'cut';
    const result = await ensureElectronRuntime({ electronDir, env: envFor() });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/failed: terminated: the connection closed before the download ended/) as unknown });
    expect(existsSync(path.join(electronDir, 'dist', 'electron'))).toBe(false);
    // Nothing half-downloaded was cached: the retry downloads again and succeeds.
    mode = 'good';
    expect(await ensureElectronRuntime({ electronDir, env: envFor() })).toMatchObject({ ok: true, downloaded: true });
  });

  it('does not download when ELECTRON_SKIP_BINARY_DOWNLOAD is set, and says that is why', async () => {
    const result = await ensureElectronRuntime({ electronDir, env: envFor({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }) });
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('ELECTRON_SKIP_BINARY_DOWNLOAD is set') as unknown });
    expect(await fs.readdir(electronDir)).not.toContain('dist');
  });

  it('falls back with the reason and how to retry', () => {
    const message = fallbackMessage('the download failed: fetch failed (ECONNREFUSED)');
    expect(message).toContain('the download failed: fetch failed (ECONNREFUSED)');
    expect(message).toContain('Starting the browser host instead');
    expect(message).toContain('rm -rf node_modules/electron/dist && npm start');
    expect(message).toContain('ELECTRON_MIRROR');
  });

  it("picks the message out of install.js's stack trace", () => {
    expect(reasonFromOutput('TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n')).toBe('fetch failed: the server could not be reached');
    const stack = 'Error: proxy refused\n    at node:internal/deps/undici/undici:13502:13\n    at async x (file:///a.js:1:1) {\n  [cause]: Error: connect ECONNREFUSED 127.0.0.1:9\n';
    expect(reasonFromOutput(stack)).toBe('Error: proxy refused (connect ECONNREFUSED 127.0.0.1:9)');
  });
});
