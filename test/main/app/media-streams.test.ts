import { describe, expect, it } from 'vitest';
import { MediaStreams, mediaHeaders } from '../../../main/app/media-streams';
import { bufferSource } from '../../helpers/buffer-media-source';

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
