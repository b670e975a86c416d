import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { TransferProgress } from '../../../../main/providers/library/upload.js';
import { expectAppError, listDir, useHarness } from './harness.js';

const h = useHarness();

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('LibraryClient.downloadFile', () => {
  it('streams the bytes to a temporary name and renames it once complete', async () => {
    const content = randomBytes(500_000);
    h.fake.addFile('box', 'clip.mp4', content);
    const dest = path.join(h.tmp, 'clip.mp4');
    const progress: TransferProgress[] = [];
    const result = await h.client.downloadFile('box', 'clip.mp4', dest, { expectedSize: content.length, onProgress: (p) => progress.push(p) });

    expect(fs.readFileSync(dest).equals(content)).toBe(true);
    expect(listDir(h.tmp)).toEqual(['clip.mp4']);
    expect(result).toEqual({ path: dest, size: content.length, contentType: 'application/octet-stream' });
    expect(h.fake.requests[0]?.headers.accept?.split(/,\s*/)).toContain('application/octet-stream');
    expect(h.fake.requests[0]?.headers.accept).not.toContain('json');
    expect(progress.at(-1)).toEqual({ bytes: content.length, total: content.length });
  });

  it('leaves nothing under the final name when the server sends fewer bytes than its Content-Length', async () => {
    h.fake.intercept('GET', '/media/demo/box/short.mp4', (_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': '1000' });
      res.write(Buffer.alloc(400, 1), () => res.socket?.end());
    });
    const dest = path.join(h.tmp, 'short.mp4');
    await expectAppError(h.client.downloadFile('box', 'short.mp4', dest), 'network', /file "box\/short\.mp4" from 127\.0\.0\.1:\d+ was interrupted after \d+ of 1000 bytes/);
    expect(listDir(h.tmp)).toEqual([]);
  });

  it('checks the listed size when the server sends no length', async () => {
    h.fake.intercept('GET', '/media/demo/box/chunked', (_req, res) => {
      res.writeHead(200, { 'content-type': 'audio/mpeg' }); // chunked
      res.end(Buffer.alloc(10));
    });
    const dest = path.join(h.tmp, 'chunked');
    await expectAppError(h.client.downloadFile('box', 'chunked', dest, { expectedSize: 20 }), 'network', /incomplete: 10 of 20 bytes arrived/);
    expect(listDir(h.tmp)).toEqual([]);
  });

  it('refuses a Content-Length that contradicts the listed size before writing anything', async () => {
    h.fake.addFile('box', 'changed', Buffer.alloc(30));
    await expectAppError(h.client.downloadFile('box', 'changed', path.join(h.tmp, 'changed'), { expectedSize: 20 }), 'protocol', /announced 30 bytes .* listed size is 20 bytes/);
    expect(listDir(h.tmp)).toEqual([]);
  });

  it('cancels mid-download and removes the partial file', async () => {
    h.fake.intercept('GET', '/media/demo/box/stall.mp4', (_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(1024 * 1024) });
      res.write(Buffer.alloc(64 * 1024)); // and then nothing more
    });
    const controller = new AbortController();
    const download = h.client.downloadFile('box', 'stall.mp4', path.join(h.tmp, 'stall.mp4'), {
      signal: controller.signal,
      onProgress: (p) => p.bytes > 0 && controller.abort(),
    });
    await expectAppError(download, 'cancelled', /download of file "box\/stall\.mp4" was cancelled/);
    expect(listDir(h.tmp)).toEqual([]);
  });

  it('does not overwrite an existing file unless asked, and asks the server nothing before', async () => {
    h.fake.addFile('box', 'a.txt', Buffer.from('from server'));
    const dest = path.join(h.tmp, 'a.txt');
    fs.writeFileSync(dest, 'mine');
    await expectAppError(h.client.downloadFile('box', 'a.txt', dest), 'conflict', /already exists/);
    expect(h.fake.requests).toHaveLength(0);
    expect(fs.readFileSync(dest, 'utf8')).toBe('mine');
    await h.client.downloadFile('box', 'a.txt', dest, { overwrite: true });
    expect(fs.readFileSync(dest, 'utf8')).toBe('from server');
    expect(listDir(h.tmp)).toEqual(['a.txt']);
  });

  it('reports a missing destination folder, and a missing remote file, with nothing written', async () => {
    h.fake.addFile('box', 'a.txt', Buffer.from('x'));
    await expectAppError(h.client.downloadFile('box', 'a.txt', path.join(h.tmp, 'no-such-dir', 'a.txt')), 'io', /no-such-dir" does not exist/);
    await expectAppError(h.client.downloadFile('box', 'gone.txt', path.join(h.tmp, 'gone.txt')), 'not_found', /File "box\/gone\.txt" was not found/);
    expect(listDir(h.tmp)).toEqual([]);
  });
});

describe('LibraryClient media streams', () => {
  it('forwards Range and hands back the partial answer with its headers', async () => {
    h.fake.addFile('box', 'clip.mp4', Buffer.from('0123456789'));
    const stream = await h.client.openFileStream('box', 'clip.mp4', { range: 'bytes=2-5' });
    expect(h.fake.requests[0]?.headers.range).toBe('bytes=2-5');
    expect(stream.status).toBe(206);
    expect(stream.headers).toEqual({ 'content-type': 'application/octet-stream', 'content-length': '4', 'content-range': 'bytes 2-5/10', 'accept-ranges': 'bytes' });
    expect((await collect(stream.body)).toString()).toBe('2345');
  });

  it('sends no Range when none is asked, and gets the whole file', async () => {
    h.fake.addFile('box', 'clip.mp4', Buffer.from('0123456789'));
    const stream = await h.client.openFileStream('box', 'clip.mp4');
    expect(h.fake.requests[0]?.headers.range).toBeUndefined();
    expect(stream.status).toBe(200);
    expect((await collect(stream.body)).toString()).toBe('0123456789');
  });

  it('passes 416 on to the player with the real length', async () => {
    h.fake.addFile('box', 'clip.mp4', Buffer.from('0123456789'));
    const stream = await h.client.openFileStream('box', 'clip.mp4', { range: 'bytes=50-' });
    expect(stream.status).toBe(416);
    expect(stream.headers['content-range']).toBe('bytes */10');
    stream.body.resume();
  });

  it.each(['bytes=abc', 'items=0-1', 'bytes=0-1\r\nX-Evil: 1', 'bytes=-'])('refuses the range %j before any request', async (range) => {
    await expectAppError(h.client.openFileStream('box', 'clip.mp4', { range }), 'validation', /byte range/);
    expect(h.fake.requests).toHaveLength(0);
  });

  it('turns other failures into errors', async () => {
    h.fake.addFolder('box');
    await expectAppError(h.client.openFileStream('box', 'none.mp4', { range: 'bytes=0-' }), 'not_found');
  });
});

describe('voicemail', () => {
  it('downloads /media/{domain}/{callId}/{callId}.mp3 asking for audio/mpeg first', async () => {
    const mp3 = randomBytes(2048);
    h.fake.voicemails.set('26919119', mp3);
    const dest = path.join(h.tmp, 'vm.mp3');
    const result = await h.client.downloadVoicemail('26919119', dest);
    expect(h.fake.requests[0]?.url).toBe('/rest/1.0/media/demo/26919119/26919119.mp3');
    expect(h.fake.requests[0]?.headers.accept).toMatch(/^audio\/mpeg\b/);
    expect(fs.readFileSync(dest).equals(mp3)).toBe(true);
    expect(result.contentType).toBe('audio/mpeg');
  });

  it('streams a voicemail with Range so the player can seek', async () => {
    h.fake.voicemails.set('call-7', Buffer.from('abcdefgh'));
    const stream = await h.client.openVoicemailStream('call-7', { range: 'bytes=-3' });
    expect(stream.status).toBe(206);
    expect((await collect(stream.body)).toString()).toBe('fgh');
  });

  it("reports someone else's voicemail as refused", async () => {
    h.fake.intercept('GET', '/media/demo/99/99.mp3', (_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end('{"message": "only the owner of a voicemail may fetch it"}');
    });
    await expectAppError(h.client.downloadVoicemail('99', path.join(h.tmp, '99.mp3')), 'forbidden', /the voicemail of call "99".*only the owner/);
    expect(listDir(h.tmp)).toEqual([]);
  });
});
