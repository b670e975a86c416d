// Once the whole file is sent, the server may take its time to store or transcode it: that wait has its own,
// longer timeout than the idle timeout that guards the body, and the client says it is waiting.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/common/errors.js';
import { uploadGenericMedia, type GenericConnection, type GenericUploadRequest, type UploadPhase } from '../../../../main/providers/generic/client.js';
import { DEFAULT_ANSWER_TIMEOUT_MS, DEFAULT_TIMEOUT_MS } from '../../../../main/providers/http/transport.js';
import { makeJpeg, makeTempDir } from '../../core/media/media-fixtures.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let photo: GenericUploadRequest['file'];

beforeAll(async () => {
  temp = await makeTempDir('answer-wait');
  const bytes = makeJpeg(64, 48);
  photo = { path: await temp.file('p.jpg', bytes), name: 'p.jpg', size: bytes.length, contentType: 'image/jpeg' };
});
afterAll(async () => {
  await temp.remove();
});

/** Reads the whole body, then answers after `answerAfterMs` (never, when undefined). */
async function startSlowServer(answerAfterMs: number | undefined): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (answerAfterMs === undefined) return;
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ media_url: 'https://cdn.example/v/1.jpg' }));
      }, answerAfterMs).unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

const connection = (origin: string): GenericConnection => ({
  settings: { genericMediaUploadUrl: `${origin}/upload`, genericMediaUploadMultipartData: 'media=%media_content%' },
  account: {},
  secretKeys: [],
});

describe('the wait for the answer after the upload', () => {
  it('by default lasts at least 2 minutes, and the idle timeout of the body is still 30 s', () => {
    expect(DEFAULT_ANSWER_TIMEOUT_MS).toBeGreaterThanOrEqual(2 * 60_000);
    expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
  });

  it('outlasts the idle timeout: a server answering 1 s after the body succeeds with a 200 ms idle timeout', async () => {
    const server = await startSlowServer(1000);
    try {
      const phases: UploadPhase[] = [];
      const result = await uploadGenericMedia(connection(server.origin), { file: photo, recipients: [], description: '' }, { timeoutMs: 200, onPhase: (phase) => phases.push(phase) });
      expect(result.mediaUrl).toBe('https://cdn.example/v/1.jpg');
      expect(phases).toEqual(['uploading', 'waiting']);
    } finally {
      await server.close();
    }
  });

  it('ends, with a clear message, when the server never answers', async () => {
    const server = await startSlowServer(undefined);
    try {
      const started = Date.now();
      const error = await uploadGenericMedia(connection(server.origin), { file: photo, recipients: [], description: '' }, { timeoutMs: 200, answerTimeoutMs: 600 }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'timeout' });
      expect((error as AppError).message).toMatch(/did not answer after the upload/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    } finally {
      await server.close();
    }
  });
});
