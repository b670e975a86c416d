// The browser host stages a file the page sends as a form (main/webhost/stage-form.ts): exactly the file's bytes,
// and nothing at all for a form that is not one file part, that is too large, or that stops half-way.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import type { FileRef } from '../../../main/common/contract';
import { httpRequest } from './support/child-host';
import { inParallel, sendRaw } from './support/raw';
import { useHostApp } from './support/host-app';

const fixture = useHostApp();
const LIMIT = 64 * 1024;

const stagedFiles = async (): Promise<string[]> => (await fs.readdir(fixture.app().staging.dir).catch(() => [])).filter((name) => name.startsWith('stg_'));

/** A multipart body written by hand: parts as [headers, body], so a test can send what no browser would. */
function multipart(boundary: string, parts: Array<[string, Buffer | string]>): Buffer {
  const pieces: Buffer[] = [];
  for (const [headers, body] of parts) pieces.push(Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`, 'latin1'), Buffer.from(body), Buffer.from('\r\n'));
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(pieces);
}
const filePart = (name: string): string => `Content-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream`;

async function signedIn(): Promise<{ port: number; origin: string; cookie: string }> {
  const { host, cookie } = await fixture.signedInHost({ limits: { maxStageBytes: LIMIT } });
  return { port: host.port, origin: host.origin, cookie };
}

async function postForm(body: Buffer, contentType: string): Promise<{ status: number; json: { ok: boolean; value?: FileRef; error?: { code: string } } }> {
  const { port, origin, cookie } = await signedIn();
  const reply = await httpRequest(port, '/api/stage?name=clip.mp4', { method: 'POST', headers: { cookie, origin, 'content-type': contentType }, body });
  return { status: reply.status, json: JSON.parse(reply.body) as never };
}

describe('a file staged as a form', () => {
  it('keeps exactly the bytes of the file part, even bytes that almost close the part', async () => {
    const boundary = '----MediaDeskBoundary7MA4YWxkTrZu0gW';
    // Hostile by content: the delimiter cut one byte short, a lone CRLF, the boundary after a bare LF, random bytes.
    const bytes = Buffer.concat([Buffer.from(`\r\n--${boundary.slice(0, -1)}\r\n`), Buffer.from('\r\n--\r\n'), randomBytes(20_000), Buffer.from(`\n--${boundary}--`)]);
    const { json } = await postForm(multipart(boundary, [[filePart('ignored.bin'), bytes]]), `multipart/form-data; boundary=${boundary}`);
    expect(json.ok).toBe(true);
    const file = await fixture.app().staging.resolve(json.value as FileRef);
    // The name is the one the page gave in the URL, as for a plain upload.
    expect(file.name).toBe('clip.mp4');
    expect((await fs.readFile(file.path)).equals(bytes)).toBe(true);
    await fixture.app().staging.release(json.value as FileRef);
  });

  it('takes the form a real client makes (undici’s FormData and fetch)', async () => {
    const { port, origin, cookie } = await signedIn();
    const bytes = randomBytes(40_000);
    const form = new FormData();
    form.append('file', new Blob([bytes]), 'photo "1".jpg');
    const res = await fetch(`http://127.0.0.1:${port}/api/stage?name=photo.jpg`, { method: 'POST', headers: { cookie, origin }, body: form });
    const json = (await res.json()) as { ok: boolean; value: FileRef };
    expect(json.ok).toBe(true);
    expect((await fs.readFile((await fixture.app().staging.resolve(json.value)).path)).equals(bytes)).toBe(true);
    await fixture.app().staging.release(json.value);
  });

  it.each([
    ['a field before the file', [['Content-Disposition: form-data; name="note"', 'hello'], [filePart('a.jpg'), 'abc']]],
    ['two files', [[filePart('a.jpg'), 'first file'], [filePart('b.jpg'), 'second file']]],
    ['a field and no file', [['Content-Disposition: form-data; name="note"', 'hello']]],
    ['no part at all', []],
  ] as Array<[string, Array<[string, string]>]>)('refuses %s and stages nothing', async (_what, parts) => {
    const { json } = await postForm(multipart('b0undary', parts), 'multipart/form-data; boundary=b0undary');
    expect(json).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await stagedFiles()).toEqual([]);
  });

  it('refuses a form whose type names no boundary', async () => {
    const { json } = await postForm(multipart('b0undary', [[filePart('a.jpg'), 'abc']]), 'multipart/form-data');
    expect(json).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await stagedFiles()).toEqual([]);
  });

  it('refuses a file part over the host’s limit with 413, and keeps nothing of it', async () => {
    const { port, origin, cookie } = await signedIn();
    const body = multipart('b0undary', [[filePart('big.mp4'), randomBytes(LIMIT + 1)]]);
    // Sent in chunked encoding, so only the part's own length can show it is too large.
    const reply = await httpRequest(port, '/api/stage?name=big.mp4', { method: 'POST', headers: { cookie, origin, 'content-type': 'multipart/form-data; boundary=b0undary', 'transfer-encoding': 'chunked' }, body });
    expect(reply.status).toBe(413);
    expect(await stagedFiles()).toEqual([]);
  });

  it('keeps nothing of a form whose sender went away inside the file part', async () => {
    const { port, origin, cookie } = await signedIn();
    const head = `POST /api/stage?name=cut.mp4 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookie}\r\nOrigin: ${origin}\r\nContent-Type: multipart/form-data; boundary=b0undary\r\nContent-Length: 60000\r\n\r\n`;
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(head + `--b0undary\r\n${filePart('cut.mp4')}\r\n\r\n`);
    socket.write(randomBytes(30_000));
    // The staging has begun writing its file: then the sender goes.
    await expect.poll(stagedFiles).toHaveLength(1);
    socket.destroy();
    await expect.poll(stagedFiles).toEqual([]);
  });

  it('keeps a file for each form it said was staged, and nothing of the others: refused, cut, or left by their sender', async () => {
    const { port, origin, cookie } = await signedIn();
    const before = await stagedFiles();
    let seed = 0xf0f0;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const extras = [['Content-Disposition: form-data; name="note"', 'hello'], [filePart('second.mp4'), 'second file'], ['X-Stray: part', 'skipped']] as Array<[string, string]>;
    const forms = Array.from({ length: 80 }, (_, i) => {
      const extra = random() < 0.4 ? [extras[Math.floor(random() * extras.length)] as [string, string]] : [];
      const body = multipart('b0undary', [[filePart(`${i}.mp4`), randomBytes(Math.floor(random() * 50_000))], ...extra]);
      const sent = random() < 0.5 ? body : body.subarray(0, Math.floor(random() * body.length));
      const length = random() < 0.5 ? sent.length : body.length;
      const head = `POST /api/stage?name=${i}.mp4 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookie}\r\nOrigin: ${origin}\r\nContent-Type: multipart/form-data; boundary=b0undary\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`;
      return Buffer.concat([Buffer.from(head), sent]);
    });
    const staged: string[] = [];
    await inParallel(forms, 10, async (bytes) => {
      // The host closes once it answered: the wait is for the forms whose sender goes away, and for a loaded machine.
      const { reply } = await sendRaw(port, bytes, 1500);
      const id = /"kind":"staged","id":"(stg_[a-f0-9]+)"/.exec(reply)?.[1];
      if (id) staged.push(id);
    });
    expect(staged.length).toBeGreaterThan(5);
    expect(staged.length).toBeLessThan(forms.length - 20);
    await expect.poll(async () => (await stagedFiles()).filter((name) => !before.includes(name)).sort()).toEqual(staged.sort());
    for (const id of staged) await fixture.app().staging.release({ kind: 'staged', id });
  });
});
