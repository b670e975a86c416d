import { describe, expect, it } from 'vitest';
import { MediaStreams } from '../../../main/app/media-streams';
import { mediaUrlFor, serveMediaRequest } from '../../../main/electron/media-protocol';
import { bufferSource } from '../../helpers/buffer-media-source';

const bytes = Buffer.from('0123456789abcdefghij');

describe('the media-desk-media:// protocol', () => {
  it('streams a registered source, passing Range through so that video can seek', async () => {
    const streams = new MediaStreams();
    const source = bufferSource(bytes, 'video/mp4');
    const url = mediaUrlFor(streams.register(source));
    expect(url).toMatch(/^media-desk-media:\/\/media\/m_/);
    const res = await serveMediaRequest(streams, { url, method: 'GET', headers: new Headers({ range: 'bytes=5-9' }) });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 5-9/20');
    expect(await res.text()).toBe('56789');
    expect(source.opened).toEqual(['bytes=5-9']);
  });

  it('answers 404 for an unknown or expired token and 405 for writes', async () => {
    const streams = new MediaStreams();
    expect((await serveMediaRequest(streams, { url: mediaUrlFor(`m_${'a'.repeat(32)}`), method: 'GET', headers: new Headers() })).status).toBe(404);
    const url = mediaUrlFor(streams.register(bufferSource(bytes, 'image/jpeg')));
    expect((await serveMediaRequest(streams, { url, method: 'PUT', headers: new Headers() })).status).toBe(405);
  });

  it('reports a failing source as 502 with a readable message', async () => {
    const streams = new MediaStreams();
    const url = mediaUrlFor(streams.register({ open: async () => Promise.reject(new Error('boom')) }));
    const res = await serveMediaRequest(streams, { url, method: 'GET', headers: new Headers() });
    expect(res.status).toBe(502);
    expect(await res.text()).toMatch(/Something went wrong/);
  });
});
