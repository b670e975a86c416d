import { describe, expect, it } from 'vitest';
import * as common from '../../../main/common/media-sniff.js';
import { DEMO_FILES } from '../../../main/sandbox/index.js';
import { sniffMedia, SNIFF_LENGTH } from '../../../main/sandbox/media-sniff.js';
import { ftyp, makeJpeg, makeMp4 } from '../core/media/media-fixtures.js';
import { demoAsset } from './helpers.js';

describe('sniffMedia', () => {
  it('recognises the demo files by their bytes', async () => {
    const head = async (name: string) => (await demoAsset(name)).subarray(0, SNIFF_LENGTH);
    for (const name of DEMO_FILES.images) expect(sniffMedia(await head(name))).toBe('image/jpeg');
    expect(sniffMedia(await head(DEMO_FILES.video))).toBe('video/mp4');
    expect(sniffMedia(await head(DEMO_FILES.voicemail))).toBe('audio/mpeg');
  });

  // The sandbox judges JPEG and MP4 by the client's own rule: what the app accepts to send, the server accepts to
  // receive, and what it refuses, the server refuses. The brands are the ones the two lists used to disagree on.
  it.each([
    ['a JPEG', makeJpeg(4, 4), 'image/jpeg'],
    ['an MP4 with a major brand of the list', makeMp4({ major: 'isom' }), 'video/mp4'],
    ['a CMAF MP4', ftyp('cmfc', []), 'video/mp4'],
    ['an F4V', ftyp('f4v ', []), 'video/mp4'],
    ['an MP4 of an unknown major brand, compatible with isom', ftyp('abcd', ['isom']), 'video/mp4'],
    ['an audio-only MP4', ftyp('M4A ', ['isom', 'mp42']), null],
    ['a QuickTime movie', ftyp('qt  ', ['qt  ']), null],
    ['a HEIC image', ftyp('heic', ['mif1']), null],
    ['a JPEG cut after its start marker', Buffer.from([0xff, 0xd8, 0xff]), null],
  ] as const)('decides %s as the client does', (_what, bytes, expected) => {
    const client = common.sniffMediaType(bytes);
    expect(client.accepted ? client.contentType : null).toBe(expected);
    expect(sniffMedia(bytes)).toBe(expected);
  });

  it.each([
    ['a PNG', Buffer.from('89504e470d0a1a0a0000000d', 'hex')],
    ['text', Buffer.from('hello world!')],
    ['a JPEG cut after two bytes', Buffer.from([0xff, 0xd8])],
    ['nothing', Buffer.alloc(0)],
  ])('%s is none of them', (_what, head) => {
    expect(sniffMedia(head)).toBeNull();
  });

  it('reads enough of a file to see a whole ftyp box', () => {
    expect(SNIFF_LENGTH).toBeGreaterThanOrEqual(common.MEDIA_HEADER_BYTES);
  });
});
