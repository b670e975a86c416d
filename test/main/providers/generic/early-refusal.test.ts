// A server that refuses a large upload before reading it (402 no credit, 413 too large) must be heard: the user
// reads the server's message, not "connection dropped" (Node's client loses such answers while it is still
// writing, nodejs/node#12339, unless the transport listens for them).
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/common/errors.js';
import { uploadGenericMedia, type GenericConnection, type GenericUploadRequest } from '../../../../main/providers/generic/client.js';
import { NO_CREDIT_RECIPIENT } from '../../../../main/sandbox/generic/store.js';
import { makeMp4, makeTempDir } from '../../core/media/media-fixtures.js';
import { startTestSandbox, type TestSandbox } from '../../sandbox/helpers.js';

const MiB = 1024 * 1024;
const VIDEO_BYTES = 300 * MiB;

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let video: GenericUploadRequest['file'];

beforeAll(async () => {
  temp = await makeTempDir('early-refusal');
  // A real MP4 head, then a sparse tail: 300 MB to send without 300 MB on disk or in memory.
  const file = path.join(temp.dir, 'big.mp4');
  await fs.writeFile(file, makeMp4());
  await fs.truncate(file, VIDEO_BYTES);
  video = { path: file, name: 'big.mp4', size: VIDEO_BYTES, contentType: 'video/mp4' };
});
afterAll(async () => {
  await temp.remove();
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** The sandbox's own account, without its precheck: the upload itself must meet the refusal. */
function sandboxConnection(sandbox: TestSandbox): GenericConnection {
  const { settings, username, password } = sandbox.sandbox.accounts.generic;
  const uploadOnly = Object.fromEntries(Object.entries(settings).filter(([key]) => !key.startsWith('genericMediaUploadPrecheck')));
  return { settings: uploadOnly, account: { username, password }, secretKeys: ['password'] };
}

/** A bare server that answers at the request's headers, never reads the body, and drops the socket 150 ms later. */
async function startRefusingServer(status: number, contentType: string, body: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.pause();
    res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
    res.on('finish', () => setTimeout(() => req.socket.destroy(), 150).unref());
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

function bareConnection(origin: string): GenericConnection {
  return {
    settings: { genericMediaUploadUrl: `${origin}/upload`, genericMediaUploadMultipartData: 'to=%sms_to%&media=%media_content%' },
    account: {},
    secretKeys: [],
  };
}

describe('an early refusal of a 300 MB upload reaches the user with the server\'s message', () => {
  it('the sandbox answers 402 for the no-credit recipient before reading the video', async () => {
    const sandbox = await startTestSandbox({ limits: { genericMaxUploadBytes: 400 * MiB } });
    try {
      const started = Date.now();
      const error = await rejection(uploadGenericMedia(sandboxConnection(sandbox), { file: video, recipients: [NO_CREDIT_RECIPIENT], description: 'big' }));
      expect(error.message).toContain('Not enough credit');
      expect(error.details?.status).toBe(402);
      console.log(`early 402 from the sandbox heard after ${Date.now() - started} ms`);
    } finally {
      await sandbox.stop();
    }
  });

  it('the sandbox answers 413 at the headers of a video over its limit', async () => {
    const sandbox = await startTestSandbox({ limits: { genericMaxUploadBytes: 10 * MiB } });
    try {
      const error = await rejection(uploadGenericMedia(sandboxConnection(sandbox), { file: video, recipients: ['+15550100'], description: 'big' }));
      expect(error.message).toContain('The media is too large');
      expect(error.details?.status).toBe(413);
    } finally {
      await sandbox.stop();
    }
  });

  it.each([
    ['JSON', 'application/json', JSON.stringify({ message: 'Not enough credit on this plan' })],
    ['XML', 'text/xml', '<response><message>Not enough credit on this plan</message></response>'],
  ])('a bare server answering 402 (%s) at once and dropping the socket 150 ms later', async (_format, contentType, body) => {
    const server = await startRefusingServer(402, contentType, body);
    try {
      const error = await rejection(uploadGenericMedia(bareConnection(server.origin), { file: video, recipients: ['+15550100'], description: 'big' }));
      expect(error.message).toContain('Not enough credit on this plan');
      expect(error.details?.status).toBe(402);
    } finally {
      await server.close();
    }
  });

  it('a bare server answering 413 at once', async () => {
    const server = await startRefusingServer(413, 'application/json', JSON.stringify({ message: 'Videos over 100 MB are not accepted' }));
    try {
      const error = await rejection(uploadGenericMedia(bareConnection(server.origin), { file: video, recipients: ['+15550100'], description: 'big' }));
      expect(error.message).toContain('Videos over 100 MB are not accepted');
      expect(error.details?.status).toBe(413);
    } finally {
      await server.close();
    }
  });

});
