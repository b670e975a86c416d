import { createHash } from 'node:crypto';
import net from 'node:net';
import * as jpeg from 'jpeg-js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../main/common/errors.js';
import { uploadGenericMedia, type GenericConnection, type GenericUploadRequest, type UploadPhase } from '../../../../main/providers/generic/client.js';
import type { GenericSettingsInput } from '../../../../main/providers/generic/templates.js';
import { makeJpeg, makeMp4, makeTempDir } from '../../core/media/media-fixtures.js';
import { startMediaServer, type MediaServer, type Route } from './upload-server.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let photo: GenericUploadRequest['file'];
let photoBytes: Buffer;
let server: MediaServer | undefined;

beforeAll(async () => {
  temp = await makeTempDir('client');
  photoBytes = makeJpeg(96, 64);
  photo = { path: await temp.file('Été "beach".jpg', photoBytes), name: 'Été "beach".jpg', size: photoBytes.length, contentType: 'image/jpeg' };
});
afterAll(async () => {
  await temp.remove();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const xmlMediaUrl = (url: string): Route => () => ({ status: 200, contentType: 'text/xml', body: `<response><media_url>${url}</media_url></response>` });

async function serve(routes: Record<string, Route>): Promise<MediaServer> {
  server = await startMediaServer(routes);
  return server;
}

function connection(origin: string, settings: GenericSettingsInput = {}, extra: Partial<GenericConnection> = {}): GenericConnection {
  return {
    settings: {
      genericMediaUploadUrl: `${origin}/upload?from=%account[username]%&to=%sms_to%&size=%media_size%`,
      genericMediaUploadMultipartData: 'from=%account[username]%&password=%account[password]%&description=%description%&attachment=%media_content%&type=%content_type%',
      genericMediaUploadCustomHeaders: 'X-Signature: %sha1(%account[password]%)%\\nX-Caller: %account[displayName]%',
      ...settings,
    },
    account: { username: 'john doe', password: 'p@ss&word', displayName: 'Jöhn' },
    secretKeys: ['password'],
    ...extra,
  };
}

const request = (overrides: Partial<GenericUploadRequest> = {}): GenericUploadRequest => ({
  file: photo,
  recipients: ['+15550100'],
  description: 'Été à Paris',
  ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('uploadGenericMedia: the upload request', () => {
  it('POSTs a multipart body a real parser reads back exactly, with every header and an exact Content-Length', async () => {
    const media = await serve({ '/upload': xmlMediaUrl('https://cdn.example/v/1.jpg') });
    const progress: Array<[number, number]> = [];
    const phases: UploadPhase[] = [];
    const result = await uploadGenericMedia(connection(media.origin), request({ recipients: ['+15550100', 'sip:ann@example.com'] }), {
      onProgress: (sent, total) => progress.push([sent, total]),
      onPhase: (phase) => phases.push(phase),
    });

    expect(result).toEqual({ mediaUrl: 'https://cdn.example/v/1.jpg', referenceSends: [] });
    expect(media.requests).toHaveLength(1);
    const [upload] = media.requests;
    expect(upload?.method).toBe('POST');
    expect(upload?.query.get('from')).toBe('john doe');
    expect(upload?.query.get('to')).toBe('+15550100,sip:ann@example.com');
    expect(upload?.query.get('size')).toBe(String(photoBytes.length));
    expect(upload?.parts).toEqual([
      { name: 'from', value: 'john doe' },
      { name: 'password', value: 'p@ss&word' },
      { name: 'description', value: 'Été à Paris' },
      { name: 'attachment', filename: 'Été %22beach%22.jpg', mimeType: 'image/jpeg', bytes: photoBytes },
      { name: 'type', value: 'image/jpeg' },
    ]);

    const headers = upload?.headers ?? {};
    expect(headers['content-type']).toMatch(/^multipart\/form-data; boundary=[A-Za-z0-9]{1,70}$/);
    expect(headers['content-length']).toBe(String(upload?.rawLength));
    expect(headers['transfer-encoding']).toBeUndefined();
    expect(headers['x-signature']).toBe(createHash('sha1').update('p@ss&word').digest('hex'));
    expect(Buffer.from(String(headers['x-caller']), 'latin1').toString('utf8')).toBe('Jöhn'); // raw UTF-8 on the wire

    expect(phases).toEqual(['uploading', 'waiting']);
    expect(progress.at(-1)).toEqual([upload?.rawLength, upload?.rawLength]);
    expect(progress.every(([sent, total], i) => sent <= total && (i === 0 || sent >= (progress[i - 1]?.[0] ?? 0)))).toBe(true);
  });

  it('PUTs when the method says put, and reads a JSON answer', async () => {
    const media = await serve({ '/upload': () => ({ status: 201, contentType: 'application/json', body: '{\n"media_url" : "http://media.server.com/video_1.mp4"\n}' }) });
    const video = makeMp4({ mdatBytes: 4096 });
    const file = { path: await temp.file('clip.mp4', video), name: 'clip.mp4', size: video.length, contentType: 'video/mp4' as const };
    const result = await uploadGenericMedia(connection(media.origin, { genericMediaUploadMethod: 'put' }), request({ file }));
    expect(result.mediaUrl).toBe('http://media.server.com/video_1.mp4');
    expect(media.requests[0]?.method).toBe('PUT');
    expect(media.requests[0]?.parts.find((part) => part.name === 'attachment')).toMatchObject({ filename: 'clip.mp4', mimeType: 'video/mp4', bytes: video });
    expect(media.requests[0]?.headers['content-length']).toBe(String(media.requests[0]?.rawLength));
    expect(media.requests[0]?.headers['transfer-encoding']).toBeUndefined();
  });

  it("shows the server's message when it refuses the upload", async () => {
    const media = await serve({ '/upload': () => ({ status: 402, contentType: 'text/xml', body: '<response><message>Not enough credit</message></response>' }) });
    const error = await rejection(uploadGenericMedia(connection(media.origin), request()));
    expect(error).toMatchObject({ code: 'remote', message: `${new URL(media.origin).host} refused the upload: Not enough credit (HTTP 402 Payment Required).` });
  });

  it('gives a clear generic error with the status when the refusal has no message', async () => {
    const media = await serve({ '/upload': () => ({ status: 413, contentType: 'text/html', body: '<html><body>413 Request Entity Too Large</body></html>' }) });
    const error = await rejection(uploadGenericMedia(connection(media.origin), request()));
    expect(error).toMatchObject({ code: 'too_large', message: `${new URL(media.origin).host} refused the upload with HTTP 413 Payload Too Large and gave no reason.` });
  });

  it('fails a 2xx that carries no media_url', async () => {
    const media = await serve({ '/upload': () => ({ status: 200, contentType: 'application/json', body: '{"status":"ok"}' }) });
    const error = await rejection(uploadGenericMedia(connection(media.origin), request()));
    expect(error).toMatchObject({ code: 'protocol', message: `${new URL(media.origin).host} accepted the upload but sent no media_url.` });
  });

  it('refuses an oversized answer and one that is not UTF-8', async () => {
    const media = await serve({
      '/upload': () => ({ status: 200, contentType: 'text/xml', body: `<response><media_url>https://x.example/</media_url><pad>${'x'.repeat(300 * 1024)}</pad></response>` }),
      '/latin1': () => ({ status: 200, contentType: 'text/xml', body: Buffer.from('<response><message>Crédit épuisé</message></response>', 'latin1') }),
    });
    const oversized = await rejection(uploadGenericMedia(connection(media.origin), request()));
    expect(oversized).toMatchObject({ code: 'protocol', message: `${new URL(media.origin).host} sent an answer larger than 256 KiB; a short XML or JSON answer was expected.` });
    const latin1 = await rejection(uploadGenericMedia(connection(media.origin, { genericMediaUploadUrl: `${media.origin}/latin1` }), request()));
    expect(latin1).toMatchObject({ code: 'protocol', message: `${new URL(media.origin).host} answered with text that is not valid UTF-8.` });
  });
});

describe('uploadGenericMedia: the precheck', () => {
  it('stops at a refused precheck: its message is shown and no upload request is made', async () => {
    const media = await serve({
      '/precheck': () => ({ status: 403, contentType: 'application/json', body: '{"message":"Files over 2 MB are not allowed"}' }),
      '/upload': xmlMediaUrl('https://cdn.example/never'),
    });
    const phases: UploadPhase[] = [];
    const settings = { genericMediaUploadPrecheckUrl: `${media.origin}/precheck`, genericMediaUploadPrecheckPostData: 'size=%media_size%&type=%content_type%&to=%sms_to%' };
    const error = await rejection(uploadGenericMedia(connection(media.origin, settings), request(), { onPhase: (phase) => phases.push(phase) }));
    expect(error).toMatchObject({ code: 'forbidden', message: `${new URL(media.origin).host} refused the upload at the precheck: Files over 2 MB are not allowed (HTTP 403 Forbidden).` });
    expect(phases).toEqual(['precheck']);
    expect(media.requests.map((r) => r.path)).toEqual(['/precheck']);
    const precheck = media.requests[0];
    expect(precheck?.method).toBe('POST');
    expect(precheck?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(precheck?.body.toString()))).toEqual({ size: String(photoBytes.length), type: 'image/jpeg', to: '+15550100' });
  });

  it('goes on to the upload after a 2xx precheck, using GET when there is no PostData', async () => {
    const media = await serve({ '/precheck': () => ({ status: 204 }), '/upload': xmlMediaUrl('https://cdn.example/ok.jpg') });
    const phases: UploadPhase[] = [];
    const result = await uploadGenericMedia(connection(media.origin, { genericMediaUploadPrecheckUrl: `${media.origin}/precheck?size=%media_size%` }), request(), {
      onPhase: (phase) => phases.push(phase),
    });
    expect(result.mediaUrl).toBe('https://cdn.example/ok.jpg');
    expect(media.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /precheck', 'POST /upload']);
    expect(media.requests[0]?.query.get('size')).toBe(String(photoBytes.length));
    expect(phases).toEqual(['precheck', 'uploading', 'waiting']);
  });
});

describe('uploadGenericMedia: the media reference send', () => {
  it('sends one reference per recipient, with a preview that decodes as JPEG of the announced size', async () => {
    const media = await serve({
      '/upload': xmlMediaUrl('https://cdn.example/p/9.jpg'),
      '/send': (received) =>
        new URLSearchParams(received.body.toString()).get('to') === 'bad' ? { status: 400, contentType: 'application/json', body: '{"message":"Unknown recipient"}' } : { status: 200 },
    });
    const settings = {
      genericMediaRefSendUrl: `${media.origin}/send`,
      genericMediaRefSendPostData: 'to=%sms_to%&url=%media_url%&text=%description%&w=%preview_width%&h=%preview_height%&t=%preview_content_type%&mt=%media_content_type%&img=%preview_content%',
      genericMediaRefSendCustomHeaders: 'X-User: %account[username]%',
    };
    const phases: UploadPhase[] = [];
    const result = await uploadGenericMedia(connection(media.origin, settings), request({ recipients: ['+15550100', 'bad', '+15550199'] }), { onPhase: (phase) => phases.push(phase) });

    expect(phases).toEqual(['uploading', 'waiting', 'reference']);
    expect(result.referenceSends).toMatchObject([
      { recipient: '+15550100', ok: true },
      { recipient: 'bad', ok: false, message: `${new URL(media.origin).host} refused the reference send: Unknown recipient (HTTP 400 Bad Request).` },
      { recipient: '+15550199', ok: true },
    ]);
    const sends = media.requests.filter((r) => r.path === '/send');
    expect(sends.map((r) => new URLSearchParams(r.body.toString()).get('to'))).toEqual(['+15550100', 'bad', '+15550199']);
    for (const send of sends) {
      const fields = Object.fromEntries(new URLSearchParams(send.body.toString()));
      expect(send.headers['x-user']).toBe('john doe');
      expect(fields).toMatchObject({ url: 'https://cdn.example/p/9.jpg', text: 'Été à Paris', t: 'image/jpeg', mt: 'image/jpeg' });
      const preview = jpeg.decode(Buffer.from(fields.img ?? '', 'base64'), { useTArray: true });
      expect([preview.width, preview.height]).toEqual([Number(fields.w), Number(fields.h)]);
      expect([preview.width, preview.height]).toEqual([96, 64]);
    }
  });

  it("uses the caller's video frame, scaled to 320 px", async () => {
    const media = await serve({ '/upload': xmlMediaUrl('https://cdn.example/v.mp4'), '/send': () => ({ status: 200 }) });
    const video = makeMp4();
    const file = { path: await temp.file('frame.mp4', video), name: 'frame.mp4', size: video.length, contentType: 'video/mp4' as const };
    const settings = { genericMediaRefSendUrl: `${media.origin}/send?w=%preview_width%&h=%preview_height%`, genericMediaRefSendPostData: 'img=%preview_content%' };
    await uploadGenericMedia(connection(media.origin, settings), request({ file, previewJpeg: makeJpeg(640, 480) }));
    const send = media.requests.find((r) => r.path === '/send');
    expect([send?.query.get('w'), send?.query.get('h')]).toEqual(['320', '240']);
  });
});

describe('uploadGenericMedia: cancellation and safety', () => {
  it('cancels mid-upload: the server sees an aborted request and the client rejects with cancelled', async () => {
    const big = `${temp.dir}/big.jpg`;
    const { open } = await import('node:fs/promises');
    const handle = await open(big, 'w');
    await handle.write(makeJpeg(8, 8), 0);
    await handle.truncate(64 * 1024 * 1024);
    await handle.close();
    const controller = new AbortController();
    let serverSawClose: Promise<void> | undefined;
    // The test cancels as soon as the server has the request headers, long before 64 MiB can have gone.
    const media = await serve({
      '/upload': {
        hold: (_received, closed) => {
          serverSawClose = closed;
          controller.abort();
        },
      },
    });
    const file = { path: big, name: 'big.jpg', size: 64 * 1024 * 1024, contentType: 'image/jpeg' as const };
    const error = await rejection(uploadGenericMedia(connection(media.origin), request({ file }), { signal: controller.signal }));
    expect(error).toMatchObject({ code: 'cancelled' });
    await serverSawClose;
    expect(media.requests[0]?.aborted).toBe(true);
    expect(media.requests[0]?.rawLength).toBeLessThan(Number(media.requests[0]?.headers['content-length']));
  });

  it('refuses to send a secret over plain http to another host, before opening any connection', async () => {
    const connect = vi.spyOn(net.Socket.prototype, 'connect');
    try {
      const error = await rejection(uploadGenericMedia(connection('http://example.invalid'), request()));
      expect(error).toMatchObject({ code: 'insecure', message: expect.stringContaining('example.invalid') });
      expect(connect).not.toHaveBeenCalled();
    } finally {
      connect.mockRestore();
    }
  });

  it('checks the reference send for secrets over http before uploading anything', async () => {
    const media = await serve({ '/upload': xmlMediaUrl('https://cdn.example/1.jpg') });
    const settings = { genericMediaRefSendUrl: 'http://example.invalid/send?p=%sha1(%account[password]%)%' };
    const error = await rejection(uploadGenericMedia(connection(media.origin, settings), request()));
    expect(error.code).toBe('insecure');
    expect(media.requests).toHaveLength(0);
  });

  it('refuses an account whose templates have problems, naming the first, before any request', async () => {
    const media = await serve({ '/upload': xmlMediaUrl('https://cdn.example/1.jpg') });
    const error = await rejection(uploadGenericMedia(connection(media.origin, { genericMediaUploadMultipartData: 'file=%media_content%&x=%nope%&y=%account[pin]%' }), request()));
    expect(error).toMatchObject({
      code: 'config',
      message: 'genericMediaUploadMultipartData uses %nope%, which is not a known variable. (and 1 more problem in the account settings)',
    });
    expect(media.requests).toHaveLength(0);
  });

  it('refuses a description with a line break when a header would carry it', async () => {
    const media = await serve({ '/upload': xmlMediaUrl('https://cdn.example/1.jpg') });
    const error = await rejection(uploadGenericMedia(connection(media.origin, { genericMediaUploadCustomHeaders: 'X-Note: %description%' }), request({ description: 'a\r\nX-Evil: 1' })));
    expect(error.code).toBe('validation');
    expect(media.requests).toHaveLength(0);
  });

  it('asks for a recipient when the templates use %sms_to% and none is given', async () => {
    const error = await rejection(uploadGenericMedia(connection('http://127.0.0.1:9'), request({ recipients: [] })));
    expect(error).toMatchObject({ code: 'validation', details: { field: 'recipients' } });
  });

  it('refuses a file that changed since it was checked', async () => {
    const error = await rejection(uploadGenericMedia(connection('http://127.0.0.1:9'), request({ file: { ...photo, size: photo.size + 1 } })));
    expect(error).toMatchObject({ code: 'io', message: expect.stringContaining('changed since it was checked') });
  });

  it('validates the request it is given', async () => {
    const bad = { ...request(), file: { ...photo, contentType: 'image/png' } } as unknown as GenericUploadRequest;
    const error = await rejection(uploadGenericMedia(connection('http://127.0.0.1:9'), bad));
    expect(error).toMatchObject({ code: 'validation', details: { field: 'file.contentType' } });
  });
});
