import * as jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePreview, placeholderPreview, previewFromJpeg } from '../../../../main/providers/generic/preview.js';
import { makeJpeg, makeMp4, makeTempDir } from '../../core/media/media-fixtures.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  temp = await makeTempDir('preview');
});
afterAll(async () => {
  await temp.remove();
});

function decoded(bytes: Buffer) {
  return jpeg.decode(bytes, { useTArray: true });
}

/** A JPEG header claiming a frame of the given size, with no image data behind it. */
function headerOnlyJpeg(width: number, height: number): Buffer {
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), sof, Buffer.from([0xff, 0xd9])]);
}

describe('previewFromJpeg', () => {
  it('fits a large photo in 320 px keeping its aspect, as a JPEG that decodes to that size', () => {
    const preview = previewFromJpeg(makeJpeg(480, 360));
    expect({ width: preview.width, height: preview.height }).toEqual({ width: 320, height: 240 });
    const image = decoded(preview.jpeg);
    expect({ width: image.width, height: image.height }).toEqual({ width: 320, height: 240 });
  });

  it('keeps the picture: the gradient still runs from dark to bright red', () => {
    const image = decoded(previewFromJpeg(makeJpeg(640, 320)).jpeg);
    const redAt = (x: number) => image.data[(80 * image.width + x) * 4] ?? 0;
    expect(redAt(2)).toBeLessThan(30);
    expect(redAt(image.width - 3)).toBeGreaterThan(225);
  });

  it('re-encodes a small image without enlarging it', () => {
    const source = makeJpeg(40, 90);
    const preview = previewFromJpeg(source);
    expect({ width: preview.width, height: preview.height }).toEqual({ width: 40, height: 90 });
    expect(preview.jpeg.equals(source)).toBe(false);
  });
});

describe('placeholderPreview', () => {
  it('has the aspect ratio asked for and decodes', () => {
    const preview = placeholderPreview({ width: 1080, height: 1920 }, 'video');
    expect({ width: preview.width, height: preview.height }).toEqual({ width: 180, height: 320 });
    expect(decoded(preview.jpeg).width).toBe(180);
  });

  it('scales a bare ratio up to the preview size', () => {
    expect(placeholderPreview({ width: 16, height: 9 }, 'video')).toMatchObject({ width: 320, height: 180 });
  });
});

describe('makePreview', () => {
  it('makes a JPEG preview from a JPEG file', async () => {
    const file = await temp.file('p.jpg', makeJpeg(640, 320));
    const preview = await makePreview({ path: file, contentType: 'image/jpeg', size: 1 });
    expect(preview).toMatchObject({ width: 320, height: 160 });
  });

  it('does not decode a JPEG above 40 megapixels: a placeholder of its aspect instead', async () => {
    const file = await temp.file('huge.jpg', headerOnlyJpeg(10_000, 5_000));
    const preview = await makePreview({ path: file, contentType: 'image/jpeg', size: 50 });
    expect(preview).toMatchObject({ width: 320, height: 160 });
    expect(decoded(preview.jpeg).width).toBe(320);
  });

  it('falls back to a placeholder of its aspect for a JPEG that does not decode', async () => {
    const file = await temp.file('broken.jpg', headerOnlyJpeg(300, 100));
    await expect(makePreview({ path: file, contentType: 'image/jpeg', size: 50 })).resolves.toMatchObject({ width: 320, height: 107 });
  });

  it("uses the caller's frame for a video", async () => {
    const file = await temp.file('v.mp4', makeMp4({ tracks: [{ width: 1920, height: 1080 }] }));
    const preview = await makePreview({ path: file, contentType: 'video/mp4', size: 1 }, makeJpeg(400, 400));
    expect(preview).toMatchObject({ width: 320, height: 320 });
  });

  it("makes a placeholder with the video's aspect from tkhd when no frame is given", async () => {
    const file = await temp.file('portrait.mp4', makeMp4({ tracks: [{ width: 1280, height: 720, quarterTurn: true }] }));
    const preview = await makePreview({ path: file, contentType: 'video/mp4', size: 1 });
    expect(preview).toMatchObject({ width: 180, height: 320 });
    expect(decoded(preview.jpeg)).toMatchObject({ width: 180, height: 320 });
  });

  it('uses 16:9 for a video whose size cannot be read', async () => {
    const file = await temp.file('nomoov.mp4', makeMp4().subarray(0, 40));
    await expect(makePreview({ path: file, contentType: 'video/mp4', size: 1 })).resolves.toMatchObject({ width: 320, height: 180 });
  });
});
