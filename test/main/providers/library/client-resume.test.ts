// A library download dropped mid-way resumes from the bytes already on disk (Range on the kept .part) instead of
// failing or starting over, against the real sandbox with its fault hooks.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryClient } from '../../../../main/providers/library/client.js';
import { MAX_RESUMES } from '../../../../main/providers/library/download.js';
import { startSandbox, type Sandbox } from '../../../../main/sandbox/index.js';
import { expectAppError, listDir } from './harness.js';

const SIZE = 3 * 1024 * 1024;
let sandbox: Sandbox;
let dataDir: string;
let tmp: string;
let client: LibraryClient;
let content: Buffer;
const folder = 'resume';

beforeAll(async () => {
  dataDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'library-resume-'));
  tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'library-resume-out-'));
  sandbox = await startSandbox({ dataDir, faults: true });
  const lib = sandbox.accounts.library;
  client = new LibraryClient({ serverUrl: lib.serverUrl, domain: lib.domain, userId: lib.userId, appId: lib.appId, password: lib.password });
  content = randomBytes(SIZE);
  const source = path.join(tmp, 'source.bin');
  await fs.promises.writeFile(source, content);
  await client.createFolder(folder);
  await client.uploadFile(folder, 'big.bin', source);
});

afterAll(async () => {
  await sandbox?.close();
  await fs.promises.rm(dataDir, { recursive: true, force: true });
  await fs.promises.rm(tmp, { recursive: true, force: true });
});

const downloads = () => sandbox.requests.filter((entry) => entry.method === 'GET' && entry.path.endsWith('/resume/big.bin'));

describe('LibraryClient.downloadFile after a dropped connection', () => {
  it('resumes with Range from the bytes it kept, twice in a row, and the file is byte for byte the original', async () => {
    sandbox.faults.set({ method: 'GET', path: /\/resume\/big\.bin$/, times: 2 }, { kind: 'drop', afterBytes: 1024 * 1024 });
    const before = downloads().length;
    const dest = path.join(tmp, 'out-1.bin');
    const result = await client.downloadFile(folder, 'big.bin', dest, { expectedSize: SIZE });
    sandbox.faults.clear();

    expect(result.size).toBe(SIZE);
    expect(fs.readFileSync(dest).equals(content)).toBe(true);
    const seen = downloads().slice(before);
    // Each resume starts where the kept bytes end: after the first drop (at most 1 MiB arrived), then further on.
    const ranges = seen.map((entry) => entry.headers.range);
    expect(ranges[0]).toBeUndefined();
    const starts = ranges.slice(1).map((range) => Number(/^bytes=(\d+)-$/.exec(range ?? '')?.[1]));
    expect(starts).toHaveLength(2);
    expect(starts[0]).toBeGreaterThan(0);
    expect(starts[0]).toBeLessThanOrEqual(1024 * 1024);
    expect(starts[1]).toBeGreaterThan(starts[0] ?? Infinity);
    expect(starts[1]).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(seen.map((entry) => entry.status)).toEqual([200, 206, 206]);
    expect(listDir(tmp).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it(`gives up after ${MAX_RESUMES} resumes, naming the bytes that arrived, and keeps no partial file`, async () => {
    sandbox.faults.set({ method: 'GET', path: /\/resume\/big\.bin$/ }, { kind: 'drop', afterBytes: 100_000 });
    const before = downloads().length;
    const dest = path.join(tmp, 'out-2.bin');
    await expectAppError(client.downloadFile(folder, 'big.bin', dest, { expectedSize: SIZE }), 'network', /interrupted after \d+ of 3145728 bytes/);
    sandbox.faults.clear();
    expect(downloads().length - before).toBe(1 + MAX_RESUMES);
    expect(fs.existsSync(dest)).toBe(false);
    expect(listDir(tmp).filter((name) => name.endsWith('.part'))).toEqual([]);
  });
});
