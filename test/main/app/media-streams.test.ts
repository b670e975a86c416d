import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { mediaFailed } from '../../../main/app/media-failures';
import { MediaStreams, cappedSource, mediaHeaders } from '../../../main/app/media-streams';
import { AppError } from '../../../main/common/errors';
import { bootTestApp } from '../../helpers/app-harness';
import { TEST_MEDIA, bufferSource, failingSource } from '../../helpers/buffer-media-source';

describe('media streams', () => {
  it('hands out unguessable tokens that expire', () => {
    let now = 1000;
    const streams = new MediaStreams(60_000, () => now);
    const source = bufferSource(Buffer.from('x'), 'image/jpeg');
    const a = streams.register(source);
    const b = streams.register(source);
    expect(a).toMatch(/^m_[a-f0-9]{32}$/);
    expect(a).not.toBe(b);
    expect(streams.get(a)).toBe(source);
    now += 60_001;
    expect(streams.get(a)).toBeUndefined();
  });

  it('refuses anything that is not a token it made', () => {
    const streams = new MediaStreams();
    expect(streams.get('../etc/passwd')).toBeUndefined();
    expect(streams.get(`m_${'0'.repeat(32)}`)).toBeUndefined();
  });

  it('sends media as inline data that cannot run script', () => {
    const headers = mediaHeaders({ status: 206, contentType: 'video/mp4', contentLength: 10, contentRange: 'bytes 0-9/100', acceptRanges: true, body: null });
    expect(headers).toMatchObject({ 'content-type': 'video/mp4', 'content-length': '10', 'content-range': 'bytes 0-9/100', 'accept-ranges': 'bytes', 'x-content-type-options': 'nosniff' });
    expect(headers['content-security-policy']).toMatch(/sandbox/);
  });
});

describe('a capped media source (list thumbnails)', () => {
  const read = async (body: NodeJS.ReadableStream | null) => {
    const chunks: Buffer[] = [];
    for await (const chunk of body ?? []) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  it('passes an image within the cap through unchanged', async () => {
    const bytes = Buffer.alloc(1000, 7);
    const capped = cappedSource(bufferSource(bytes, 'image/jpeg'), 1000);
    const response = await capped.open(undefined, new AbortController().signal);
    expect(response).toMatchObject({ status: 200, contentType: 'image/jpeg', contentLength: 1000 });
    expect((await read(response.body)).equals(bytes)).toBe(true);
  });

  it('refuses an announced length over the cap before reading, and closes the source', async () => {
    const body = Readable.from([Buffer.alloc(2000)]);
    const source = { subject: TEST_MEDIA, open: () => Promise.resolve({ status: 200, contentType: 'image/jpeg', contentLength: 2000, body }) };
    const capped = cappedSource(source, 1000);
    // A thumbnail that fails is named in the activity log as the file it is.
    expect(capped.subject).toBe(TEST_MEDIA);
    await expect(capped.open(undefined, new AbortController().signal)).rejects.toMatchObject({ code: 'too_large' });
    expect(body.destroyed).toBe(true);
  });

  it('cuts a stream that sends more than the cap without saying so', async () => {
    let sent = 0;
    // 100 KB in 100-byte chunks, with no length announced.
    const endless = new Readable({
      read() {
        sent += 100;
        this.push(sent > 100_000 ? null : Buffer.alloc(100));
      },
    });
    const source = { subject: TEST_MEDIA, open: () => Promise.resolve({ status: 200, contentType: 'image/jpeg', body: endless }) };
    const response = await cappedSource(source, 1000).open(undefined, new AbortController().signal);
    await expect(read(response.body)).rejects.toMatchObject({ code: 'too_large' });
    expect(endless.destroyed).toBe(true);
    expect(sent).toBeLessThan(20_000);
  });

  it("writes the app's pending counts of failed previews when the app closes, before its window ends", async () => {
    const app = await bootTestApp();
    try {
      for (let i = 0; i < 3; i++) mediaFailed(new AppError('network', 'Upstream unreachable'), failingSource(new Error('unused')), app.mediaFailures);
      await app.close();
      expect(app.services.log.list().filter(({ scope }) => scope === 'media').map(({ message }) => message)).toEqual([
        'The library file "Photos/cat.jpg" could not be opened for a preview (network): Upstream unreachable',
        '2 more library file previews could not be opened the same way (network, account acc_test0001) within 0 s of the first',
      ]);
    } finally {
      await fs.rm(app.dataDir, { recursive: true, force: true });
    }
  });
});
