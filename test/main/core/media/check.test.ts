import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkMediaFile, MEDIA_SNIFF_BYTES } from '../../../../main/core/media/check.js';
import { AppError } from '../../../../main/common/errors.js';
import { makeJpeg, makeMp4, makeTempDir, PNG_BYTES } from './media-fixtures.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  temp = await makeTempDir('check');
});
afterAll(async () => {
  await temp.remove();
});

async function refusal(filePath: string): Promise<AppError> {
  const error = await checkMediaFile(filePath).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('checkMediaFile', () => {
  it('accepts a JPEG and reports its size', async () => {
    const bytes = makeJpeg(16, 16);
    const file = await temp.file('photo.jpg', bytes);
    await expect(checkMediaFile(file)).resolves.toEqual({ contentType: 'image/jpeg', size: bytes.length });
  });

  it('accepts an MP4 whatever its name says', async () => {
    const bytes = makeMp4();
    const file = await temp.file('video.bin', bytes);
    await expect(checkMediaFile(file)).resolves.toEqual({ contentType: 'video/mp4', size: bytes.length });
  });

  it('refuses a PNG renamed .jpg, saying so', async () => {
    const error = await refusal(await temp.file('renamed.jpg', PNG_BYTES));
    expect(error.code).toBe('unsupported_media');
    expect(error.message).toBe('"renamed.jpg" is a PNG image, not a JPEG.');
  });

  it('refuses a text file', async () => {
    const error = await refusal(await temp.file('notes.mp4', 'just some words\n'));
    expect(error.code).toBe('unsupported_media');
    expect(error.message).toContain('"notes.mp4" is a text file');
  });

  it('refuses an empty file', async () => {
    const error = await refusal(await temp.file('empty.jpg', ''));
    expect(error.code).toBe('unsupported_media');
    expect(error.message).toBe('"empty.jpg" is empty.');
  });

  it('refuses a folder', async () => {
    const folder = path.join(temp.dir, 'album.jpg');
    await fs.mkdir(folder);
    const error = await refusal(folder);
    expect(error.code).toBe('unsupported_media');
    expect(error.message).toBe('"album.jpg" is a folder, not a file.');
  });

  it('refuses an MP4 whose header is cut short', async () => {
    const error = await refusal(await temp.file('cut.mp4', makeMp4().subarray(0, 12)));
    expect(error.code).toBe('unsupported_media');
    expect(error.message).toContain('"cut.mp4" is damaged or incomplete');
  });

  it('reports a missing file as a local file error', async () => {
    const error = await refusal(path.join(temp.dir, 'gone.jpg'));
    expect(error.code).toBe('io');
    expect(error.message).toContain('"gone.jpg" was not found');
  });

  it('reads at most the first 64 KiB of a large file', async () => {
    // A 1 GiB sparse file that starts like a JPEG: a checker that read it all would read a gigabyte.
    const file = path.join(temp.dir, 'huge.jpg');
    const handle = await fs.open(file, 'w');
    await handle.write(makeJpeg(8, 8), 0);
    await handle.truncate(1024 ** 3);
    await handle.close();

    let bytesRead = 0;
    const realOpen = fs.open.bind(fs);
    const openSpy = vi.spyOn(fs, 'open').mockImplementation(async (...args: Parameters<typeof fs.open>) => {
      const opened = await realOpen(...args);
      const realRead = opened.read.bind(opened) as (...a: unknown[]) => Promise<{ bytesRead: number }>;
      // Counted on the handle itself: every read the checker makes goes through it.
      (opened as { read: unknown }).read = async (...readArgs: unknown[]) => {
        const result = await realRead(...readArgs);
        bytesRead += result.bytesRead;
        return result;
      };
      return opened;
    });
    try {
      await expect(checkMediaFile(file)).resolves.toEqual({ contentType: 'image/jpeg', size: 1024 ** 3 });
      expect(openSpy).toHaveBeenCalledTimes(1);
    } finally {
      openSpy.mockRestore();
    }
    expect(bytesRead).toBeGreaterThan(0);
    expect(bytesRead).toBeLessThanOrEqual(MEDIA_SNIFF_BYTES);
  });

  it('refuses a path that is not a string', async () => {
    const error = await checkMediaFile(42 as unknown as string).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'validation' });
  });
});
