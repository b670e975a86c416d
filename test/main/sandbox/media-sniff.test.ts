import { describe, expect, it } from 'vitest';
import { DEMO_FILES } from '../../../main/sandbox/index.js';
import { sniffMedia } from '../../../main/sandbox/media-sniff.js';
import { demoAsset } from './helpers.js';

function ftyp(brand: string): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt32BE(24, 0);
  head.write('ftyp', 4, 'latin1');
  head.write(brand, 8, 'latin1');
  return head;
}

describe('sniffMedia', () => {
  it('recognises the demo files by their bytes', async () => {
    for (const name of DEMO_FILES.images) expect(sniffMedia((await demoAsset(name)).subarray(0, 12))).toBe('image/jpeg');
    expect(sniffMedia((await demoAsset(DEMO_FILES.video)).subarray(0, 12))).toBe('video/mp4');
    expect(sniffMedia((await demoAsset(DEMO_FILES.voicemail)).subarray(0, 12))).toBe('audio/mpeg');
  });

  it.each(['isom', 'iso2', 'mp41', 'mp42', 'avc1', 'M4V '])('an ftyp box with brand %j is MP4', (brand) => {
    expect(sniffMedia(ftyp(brand))).toBe('video/mp4');
  });

  it.each([
    ['a QuickTime movie', ftyp('qt  ')],
    ['a PNG', Buffer.from('89504e470d0a1a0a0000000d', 'hex')],
    ['text', Buffer.from('hello world!')],
    ['a JPEG cut after two bytes', Buffer.from([0xff, 0xd8])],
    ['nothing', Buffer.alloc(0)],
  ])('%s is none of them', (_what, head) => {
    expect(sniffMedia(head)).toBeNull();
  });
});
