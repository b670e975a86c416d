// A large file dropped in the browser host arrives as byte ranges over several requests at once
// (main/webhost/stage-pieces.ts): the staged file is the same bytes whatever the order the pieces came in, and every
// piece that would make it anything else (overlapping, out of range, after the commit, from outside the session) is
// refused. A cancelled, failed or abandoned upload leaves no file behind.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileRef } from '../../../main/common/contract';
import { ja } from '../../../main/common/i18n/locales/ja/index';
import { sayPhrase, type Phrase } from '../../../main/common/i18n/phrase';
import { createTranslator } from '../../../main/common/i18n/translator';
import type { BrowserHost } from '../../../main/webhost/server';
import { httpRequest, type Reply } from './support/child-host';
import { useHostApp, type TestApp } from './support/host-app';

const MiB = 1024 * 1024;
const LIMIT = 8 * MiB;
const fixture = useHostApp();
let app: TestApp;
let host: BrowserHost;
let cookie: string;

const newHost = (limits: { maxStageBytes: number; idleTimeoutMs?: number }): Promise<{ host: BrowserHost; cookie: string }> => fixture.signedInHost({ limits });

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const json = (reply: Reply): { ok: boolean; value?: unknown; error?: { code: string; message: string; phrase?: Phrase } } => JSON.parse(reply.body) as never;

function call(method: string, pathname: string, body?: Buffer, as = { host, cookie }): Promise<Reply> {
  return httpRequest(as.host.port, pathname, { method, headers: { cookie: as.cookie, origin: as.host.origin, 'content-type': 'application/octet-stream' }, ...(body ? { body } : {}) });
}

async function open(size: number, name = 'clip.mp4', as = { host, cookie }): Promise<string> {
  const reply = await call('POST', `/api/stage/pieces?name=${name}&size=${size}`, undefined, as);
  expect(reply.status).toBe(200);
  return (json(reply).value as { id: string }).id;
}

const put = (id: string, offset: number, bytes: Buffer, as = { host, cookie }) => call('PUT', `/api/stage/pieces/${id}?offset=${offset}`, bytes, as);
const commit = (id: string, as = { host, cookie }) => call('POST', `/api/stage/pieces/${id}/commit`, undefined, as);

/** Names in the staging folder: what a cancelled upload must not leave behind. */
const stagedFiles = async (): Promise<string[]> => (await fs.readdir(app.staging.dir)).sort();

/** Waits until `check` holds (the server finishes a discard after the answer it gave). */
async function eventually(check: () => Promise<boolean>, ms = 3000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

beforeAll(async () => {
  app = fixture.app();
  ({ host, cookie } = await newHost({ maxStageBytes: LIMIT }));
});

describe('a file sent in pieces', () => {
  it('is staged as the same bytes, whatever order the pieces arrive in, four at a time', async () => {
    const source = randomBytes(5 * MiB + 12_345);
    const id = await open(source.length);
    const piece = MiB - 7;
    const offsets = Array.from({ length: Math.ceil(source.length / piece) }, (_, i) => i * piece).reverse();
    offsets.push(...offsets.splice(0, 2)); // neither in order nor reversed
    const queue = [...offsets];
    const sender = async (): Promise<void> => {
      for (let offset = queue.shift(); offset !== undefined; offset = queue.shift()) {
        const reply = await put(id, offset, source.subarray(offset, offset + piece));
        expect(json(reply)).toEqual({ ok: true, value: null });
      }
    };
    await Promise.all([sender(), sender(), sender(), sender()]);
    const done = await commit(id);
    const ref = json(done).value as FileRef;
    expect(ref).toEqual({ kind: 'staged', id });
    const staged = await app.staging.resolve(ref);
    expect(staged).toMatchObject({ name: 'clip.mp4', size: source.length });
    expect(sha256(await fs.readFile(staged.path))).toBe(sha256(source));
    await app.staging.release(ref);
  });

  it('takes an empty file', async () => {
    const id = await open(0, 'empty.jpg');
    const ref = json(await commit(id)).value as FileRef;
    expect(await app.staging.resolve(ref)).toMatchObject({ size: 0 });
    await app.staging.release(ref);
  });
});

describe('hostile pieces', () => {
  it('refuses a piece that overlaps bytes already sent, in whole or in part, and keeps the bytes first sent', async () => {
    const first = Buffer.alloc(1000, 0x61);
    const id = await open(3000);
    expect((await put(id, 1000, first)).status).toBe(200);
    for (const [offset, length] of [[1000, 1000], [500, 600], [1999, 10], [0, 3000]] as const) {
      const reply = await put(id, offset, Buffer.alloc(length, 0x7a));
      expect(reply.status, `${offset}+${length}`).toBe(409);
      expect(json(reply).error?.code).toBe('conflict');
    }
    expect((await put(id, 0, Buffer.alloc(1000, 0x62))).status).toBe(200);
    expect((await put(id, 2000, Buffer.alloc(1000, 0x63))).status).toBe(200);
    const ref = json(await commit(id)).value as FileRef;
    const bytes = await fs.readFile((await app.staging.resolve(ref)).path);
    expect(bytes.toString('latin1')).toBe('b'.repeat(1000) + 'a'.repeat(1000) + 'c'.repeat(1000));
    await app.staging.release(ref);
  });

  it('refuses a piece past the declared size, and offsets that are not plain byte counts', async () => {
    const id = await open(100);
    expect((await put(id, 90, Buffer.alloc(11))).status).toBe(416);
    expect((await put(id, 100, Buffer.alloc(1))).status).toBe(416);
    for (const offset of ['-1', '1e1', '0x10', '', '9007199254740993']) {
      expect((await call('PUT', `/api/stage/pieces/${id}?offset=${offset}`, Buffer.alloc(1))).status, offset).toBe(400);
    }
    await call('DELETE', `/api/stage/pieces/${id}`);
  });

  it('refuses an upload declared larger than the limit, before a byte is sent, and one without a size', async () => {
    const reply = await call('POST', `/api/stage/pieces?name=huge.mp4&size=${LIMIT + 1}`);
    expect(reply.status).toBe(413);
    expect(json(reply).error?.message).toMatch(/"huge\.mp4" is larger than 8\.0 MiB/);
    // The size is said through the locale's size format, in Japanese too: no English word such as "bytes".
    const said = json(reply).error?.phrase;
    expect(said && sayPhrase(createTranslator('ja', { ja }), said)).toBe('「huge.mp4」は 8.0 MiB を超えています。ブラウザーホストが 1 ファイルで受け付けるのはここまでです。');
    expect((await call('POST', '/api/stage/pieces?name=x.mp4&size=-5')).status).toBe(400);
    const before = await stagedFiles();
    expect((await call('POST', '/api/stage/pieces?name=x.mp4')).status).toBe(400);
    expect(await stagedFiles()).toEqual(before);
  });

  it('refuses pieces, commits and cancels from outside the session', async () => {
    const id = await open(10);
    for (const stranger of ['', 'md_session_1=guess', `${cookie.split('=')[0]}=${'A'.repeat(43)}`]) {
      const as = { host, cookie: stranger };
      expect((await put(id, 0, Buffer.alloc(10), as)).status).toBe(401);
      expect((await commit(id, as)).status).toBe(401);
      expect((await call('DELETE', `/api/stage/pieces/${id}`, undefined, as)).status).toBe(401);
      expect((await call('POST', '/api/stage/pieces?name=x&size=1', undefined, as)).status).toBe(401);
    }
    // Another host's session opens nothing here, and this upload is not known there.
    const other = await newHost({ maxStageBytes: LIMIT });
    expect((await put(id, 0, Buffer.alloc(10), other)).status).toBe(404);
    expect((await put(id, 0, Buffer.alloc(10), { host, cookie: other.cookie })).status).toBe(401);
    expect((await put(id, 0, Buffer.alloc(10))).status).toBe(200);
    expect(json(await commit(id)).ok).toBe(true);
    await app.staging.release({ kind: 'staged', id });
  });

  it('refuses a commit before every byte arrived, and anything after the commit', async () => {
    const id = await open(20);
    expect((await put(id, 0, Buffer.alloc(10))).status).toBe(200);
    const early = await commit(id);
    expect(early.status).toBe(409);
    expect(json(early).error?.message).toMatch(/10 of 20 bytes/);
    expect((await put(id, 10, Buffer.alloc(10))).status).toBe(200);
    expect((await commit(id)).status).toBe(200);
    expect((await put(id, 0, Buffer.alloc(1))).status).toBe(404);
    expect((await commit(id)).status).toBe(404);
    expect((await call('DELETE', `/api/stage/pieces/${id}`)).status).toBe(404);
    expect(await app.staging.resolve({ kind: 'staged', id })).toMatchObject({ size: 20 });
    await app.staging.release({ kind: 'staged', id });
  });

  it('refuses a piece without a length (chunked), and ids it never issued', async () => {
    const id = await open(10);
    const chunked = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(host.port, '127.0.0.1', () => {
        socket.end(`PUT /api/stage/pieces/${id}?offset=0 HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(chunked).toMatch(/^HTTP\/1\.1 411/);
    for (const bad of ['stg_000000000000000000000000', '%2e%2e%2fsettings.json', `${id}/extra`]) {
      expect((await put(bad, 0, Buffer.alloc(1))).status, bad).toBe(404);
    }
    // `..` leaves the uploads' path altogether (URL normalisation): the staging endpoint takes no PUT.
    expect((await put('..', 0, Buffer.alloc(1))).status).toBe(405);
    await call('DELETE', `/api/stage/pieces/${id}`);
  });
});

describe('many uploads, hostile names', () => {
  it('holds at most 32 uploads open at once; a cancelled one makes room', async () => {
    const busy = await newHost({ maxStageBytes: LIMIT });
    const ids = [];
    for (let i = 0; i < 32; i++) ids.push(await open(10, `f${i}.jpg`, busy));
    const refused = await call('POST', '/api/stage/pieces?name=one-more.jpg&size=10', undefined, busy);
    expect(refused.status).toBe(429);
    expect(json(refused).error?.code).toBe('rate_limited');
    expect((await call('DELETE', `/api/stage/pieces/${ids[0] ?? ''}`, undefined, busy)).status).toBe(200);
    ids[0] = await open(10, 'one-more.jpg', busy);
    for (const id of ids) await call('DELETE', `/api/stage/pieces/${id}`, undefined, busy);
  });

  it('holds to 32 and to the disk room when the opens come all at once', async () => {
    const busy = await newHost({ maxStageBytes: Number.MAX_SAFE_INTEGER });
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => call('POST', `/api/stage/pieces?name=f${i}.jpg&size=10`, undefined, busy)));
    const opened = burst.filter((reply) => reply.status === 200).map((reply) => (json(reply).value as { id: string }).id);
    expect(opened.length).toBe(32);
    for (const id of opened) await call('DELETE', `/api/stage/pieces/${id}`, undefined, busy);
    const stats = await fs.statfs(app.staging.dir);
    const share = Math.floor(stats.bavail * stats.bsize * 0.6);
    const large = await Promise.all(Array.from({ length: 6 }, (_, i) => call('POST', `/api/stage/pieces?name=l${i}.mp4&size=${share}`, undefined, busy)));
    const fitted = large.filter((reply) => reply.status === 200).map((reply) => (json(reply).value as { id: string }).id);
    for (const id of fitted) await call('DELETE', `/api/stage/pieces/${id}`, undefined, busy);
    expect(fitted.length).toBe(1);
  });

  it("stages a file under main's own id whatever its name; the name is cleaned, never a path", async () => {
    const before = await stagedFiles();
    for (const name of ['..%2F..%2Fsettings.json', '%2Fetc%2Fpasswd', 'a%00b.jpg', '..%5C..%5Cvault.json', '%0D%0Aevil.jpg']) {
      const id = await open(1, name);
      expect(id).toMatch(/^stg_[a-f0-9]{24}$/);
      expect((await put(id, 0, Buffer.from('x'))).status).toBe(200);
      const ref = json(await commit(id)).value as FileRef;
      const staged = await app.staging.resolve(ref);
      expect(staged.path).toBe(path.join(app.staging.dir, id));
      expect(staged.name, name).not.toMatch(/[/\\\0\r\n]/);
      await app.staging.release(ref);
    }
    expect(await stagedFiles()).toEqual(before);
    await expect(fs.stat(path.join(app.dataDir, 'settings.json'))).resolves.toBeTruthy();
  });
});

describe('a piece whose Content-Length lies', () => {
  /** Writes `raw` on one connection and returns all it got back once the host closes it (or after `ms`). */
  const rawExchange = (raw: string, ms = 1500): Promise<string> =>
    new Promise((resolve, reject) => {
      let text = '';
      const socket = net.connect(host.port, '127.0.0.1', () => socket.write(raw));
      const timer = setTimeout(() => socket.destroy(), ms);
      socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(text);
      });
      socket.on('error', reject);
    });

  it('takes only the declared bytes: what follows is another request, held to the session like any', async () => {
    const id = await open(10, 'lie.txt');
    const smuggled = `PUT /api/stage/pieces/${id}?offset=5 HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nContent-Length: 5\r\nConnection: close\r\n\r\nworld`;
    const answers = await rawExchange(`PUT /api/stage/pieces/${id}?offset=0 HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nContent-Length: 5\r\n\r\nhello${smuggled}`);
    expect(answers.match(/HTTP\/1\.1 \d+/g)).toEqual(['HTTP/1.1 200', 'HTTP/1.1 401']);
    const early = await commit(id);
    expect(early.status).toBe(409);
    expect(json(early).error?.message).toMatch(/5 of 10 bytes/);
    await call('DELETE', `/api/stage/pieces/${id}`);
  });

  it('refuses lengths that are not plain byte counts, and a body that stops short of its length gives the upload up', async () => {
    const id = await open(10, 'lie.txt');
    for (const length of ['+5', '5, 5', '-5', '0x5']) {
      const answer = await rawExchange(`PUT /api/stage/pieces/${id}?offset=0 HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\nhello`);
      expect(answer, length).toMatch(/^HTTP\/1\.1 4\d\d/);
    }
    // Still open and empty: none of them wrote a byte.
    expect((await put(id, 0, Buffer.from('0123456789'))).status).toBe(200);
    const ref = json(await commit(id)).value as FileRef;
    expect((await fs.readFile((await app.staging.resolve(ref)).path)).toString('latin1')).toBe('0123456789');
    await app.staging.release(ref);
  });
});

describe('uploads declared larger than the disk', () => {
  // Sized files are holes until written: without a check, a page could open 32 of the host's largest uploads and
  // fill them until the disk, with the app's own settings, queue and log on it, is full.
  const freeBytes = async (): Promise<number> => {
    const stats = await fs.statfs(app.staging.dir);
    return stats.bavail * stats.bsize;
  };

  it('refuses an upload the disk has no room for, before a byte is sent, and leaves no file', async () => {
    const roomy = await newHost({ maxStageBytes: Number.MAX_SAFE_INTEGER });
    const before = await stagedFiles();
    const reply = await call('POST', `/api/stage/pieces?name=huge.mp4&size=${(await freeBytes()) + 1024 * MiB}`, undefined, roomy);
    expect(reply.status).toBe(507);
    expect(json(reply).error).toMatchObject({ code: 'io', message: expect.stringMatching(/no room on the disk for "huge\.mp4"/) as unknown });
    expect(await stagedFiles()).toEqual(before);
  });

  it('counts what the uploads still open are owed: two that each fit but not together are not both opened', async () => {
    const roomy = await newHost({ maxStageBytes: Number.MAX_SAFE_INTEGER });
    const share = Math.floor((await freeBytes()) * 0.6);
    const first = await open(share, 'a.mp4', roomy);
    expect((await call('POST', `/api/stage/pieces?name=b.mp4&size=${share}`, undefined, roomy)).status).toBe(507);
    // Bytes written are no longer owed, and a cancelled upload owes nothing.
    expect((await put(first, 0, Buffer.alloc(MiB, 1), roomy)).status).toBe(200);
    expect((await call('POST', `/api/stage/pieces?name=b.mp4&size=${share}`, undefined, roomy)).status).toBe(507);
    expect((await call('DELETE', `/api/stage/pieces/${first}`, undefined, roomy)).status).toBe(200);
    const second = await open(share, 'b.mp4', roomy);
    expect((await call('DELETE', `/api/stage/pieces/${second}`, undefined, roomy)).status).toBe(200);
  });

  it('holds a file sent whole to the same room: it stops when the disk would be left with less than the reserve', async () => {
    const roomy = await newHost({ maxStageBytes: Number.MAX_SAFE_INTEGER });
    // An upload in pieces owes all but about 1 MiB of the room a file may take (free less the 256 MiB reserve).
    const owing = await open((await freeBytes()) - 256 * MiB - MiB, 'big.mp4', roomy);
    const before = await stagedFiles();
    try {
      const whole = await call('POST', '/api/stage?name=whole.jpg', Buffer.alloc(7 * MiB, 1));
      expect(json(whole).error).toMatchObject({ code: 'io', message: 'Could not receive the file "whole.jpg": the disk is full.' });
      expect(await stagedFiles()).toEqual(before);
    } finally {
      expect((await call('DELETE', `/api/stage/pieces/${owing}`, undefined, roomy)).status).toBe(200);
    }
    const ok = json(await call('POST', '/api/stage?name=whole.jpg', Buffer.alloc(7 * MiB, 1)));
    expect(ok.ok).toBe(true);
    await app.staging.release(ok.value as FileRef);
  });
});

describe('an upload that does not finish', () => {
  it('leaves no file once cancelled', async () => {
    const id = await open(4 * MiB);
    expect((await put(id, 0, Buffer.alloc(MiB, 1))).status).toBe(200);
    expect(await stagedFiles()).toContain(id);
    expect((await call('DELETE', `/api/stage/pieces/${id}`)).status).toBe(200);
    expect(await stagedFiles()).not.toContain(id);
    expect((await put(id, MiB, Buffer.alloc(10))).status).toBe(404);
    expect((await commit(id)).status).toBe(404);
  });

  it('is given up, file and all, when a piece stops half-way (the page went away)', async () => {
    const id = await open(2 * MiB);
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(host.port, '127.0.0.1', () => {
        socket.write(`PUT /api/stage/pieces/${id}?offset=0 HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nContent-Length: ${MiB}\r\n\r\n`);
        socket.write(Buffer.alloc(64 * 1024, 7), () => setTimeout(() => socket.destroy(), 50));
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    expect(await eventually(async () => !(await stagedFiles()).includes(id))).toBe(true);
    expect((await put(id, MiB, Buffer.alloc(10))).status).toBe(404);
  });

  it('is given up when nothing arrives for the idle time, and when the host closes', async () => {
    const idle = await newHost({ maxStageBytes: LIMIT, idleTimeoutMs: 300 });
    const forgotten = await open(100, 'a.jpg', idle);
    expect((await put(forgotten, 0, Buffer.alloc(50), idle)).status).toBe(200);
    const open2 = await open(100, 'b.jpg');
    expect(await stagedFiles()).toEqual(expect.arrayContaining([forgotten, open2]));
    expect(await eventually(async () => !(await stagedFiles()).includes(forgotten))).toBe(true);
    expect((await put(forgotten, 50, Buffer.alloc(50), idle)).status).toBe(404);
    const closing = await newHost({ maxStageBytes: LIMIT });
    const unfinished = await open(100, 'c.jpg', closing);
    expect(await stagedFiles()).toContain(unfinished);
    await closing.host.close();
    expect(await stagedFiles()).not.toContain(unfinished);
    expect(await stagedFiles()).toContain(open2);
    await call('DELETE', `/api/stage/pieces/${open2}`);
  });
});
