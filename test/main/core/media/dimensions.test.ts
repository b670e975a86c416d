import { describe, expect, it } from 'vitest';
import { bytesSource, readJpegDimensions, readMp4Dimensions, type ByteSource } from '../../../../main/core/media/dimensions.js';
import { withFileSource } from '../../../../main/core/media/file-source.js';
import { box, ftyp, makeJpeg, makeMp4, makeTempDir } from './media-fixtures.js';

/** Inserts an APPn segment of the given payload length right after SOI, as cameras do with EXIF/ICC data. */
function withAppSegment(jpegBytes: Buffer, payloadLength: number): Buffer {
  const segment = Buffer.alloc(4 + payloadLength);
  segment[0] = 0xff;
  segment[1] = 0xe1;
  segment.writeUInt16BE(payloadLength + 2, 2);
  return Buffer.concat([jpegBytes.subarray(0, 2), segment, jpegBytes.subarray(2)]);
}

/** Counts the bytes a reader asks for, to show it seeks instead of loading the file. */
function countingSource(bytes: Uint8Array): { source: ByteSource; requested: () => number } {
  const inner = bytesSource(bytes);
  let requested = 0;
  return {
    source: { size: inner.size, read: async (offset, length) => ((requested += length), inner.read(offset, length)) },
    requested: () => requested,
  };
}

describe('readJpegDimensions', () => {
  it('reads width and height from the frame header', async () => {
    await expect(readJpegDimensions(bytesSource(makeJpeg(37, 21)))).resolves.toEqual({ width: 37, height: 21 });
  });

  it('skips large metadata segments before the frame header', async () => {
    await expect(readJpegDimensions(bytesSource(withAppSegment(makeJpeg(50, 10), 60_000)))).resolves.toEqual({ width: 50, height: 10 });
  });

  it('gives up on data that is not a JPEG or has no frame header before the scan', async () => {
    await expect(readJpegDimensions(bytesSource(Buffer.from('hello world')))).resolves.toBeUndefined();
    await expect(readJpegDimensions(bytesSource(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08])))).resolves.toBeUndefined();
  });
});

describe('readMp4Dimensions', () => {
  it('reads the first video track size from tkhd, with moov after the media data', async () => {
    const { source, requested } = countingSource(makeMp4({ tracks: [{ width: 1920, height: 1080 }], mdatBytes: 5_000_000 }));
    await expect(readMp4Dimensions(source)).resolves.toEqual({ width: 1920, height: 1080 });
    expect(requested()).toBeLessThan(10_000); // it skipped the 5 MB of media data
  });

  it('skips an audio track (0×0) to find the video track', async () => {
    const mp4 = makeMp4({ tracks: [{ width: 0, height: 0 }, { width: 720, height: 480 }], moovFirst: true });
    await expect(readMp4Dimensions(bytesSource(mp4))).resolves.toEqual({ width: 720, height: 480 });
  });

  it('reads version 1 track headers', async () => {
    await expect(readMp4Dimensions(bytesSource(makeMp4({ tracks: [{ width: 640, height: 480, version: 1 }] })))).resolves.toEqual({ width: 640, height: 480 });
  });

  it('swaps width and height for a track turned a quarter', async () => {
    await expect(readMp4Dimensions(bytesSource(makeMp4({ tracks: [{ width: 1280, height: 720, quarterTurn: true }] })))).resolves.toEqual({ width: 720, height: 1280 });
  });

  it('gives up when there is no moov or the boxes are corrupt', async () => {
    await expect(readMp4Dimensions(bytesSource(ftyp('isom', ['isom'])))).resolves.toBeUndefined();
    const corrupt = Buffer.concat([ftyp('isom', ['isom']), box('moov', Buffer.alloc(4))]);
    corrupt.writeUInt32BE(0xffff, corrupt.length - 12); // moov claims to run past the end of the file
    await expect(readMp4Dimensions(bytesSource(corrupt))).resolves.toBeUndefined();
  });

  it('reads from a file through a file source', async () => {
    const temp = await makeTempDir('dims');
    try {
      const file = await temp.file('v.mp4', makeMp4({ tracks: [{ width: 320, height: 240 }] }));
      await expect(withFileSource(file, readMp4Dimensions)).resolves.toEqual({ width: 320, height: 240 });
    } finally {
      await temp.remove();
    }
  });
});
