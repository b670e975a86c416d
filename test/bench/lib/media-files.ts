// The files the benchmark sends, generated in a temporary folder: an MP4 (a valid ftyp box, then zeros) and JPEGs
// (a real small JPEG, then zeros up to the size). The zeros are a hole (sparse file): nothing is written for them,
// reading them costs no disk, and both the app and curl read the same bytes.
import fs from 'node:fs/promises';
import path from 'node:path';
import jpeg from 'jpeg-js';

/** An `ftyp` box: major brand isom, compatible isom iso2 avc1 mp41 (what ffmpeg writes for H.264 in MP4). */
export function ftypBox(): Buffer {
  const brands = ['isom', 'iso2', 'avc1', 'mp41'];
  const box = Buffer.alloc(16 + brands.length * 4);
  box.writeUInt32BE(box.length, 0);
  box.write('ftyp', 4, 'latin1');
  box.write('isom', 8, 'latin1');
  box.writeUInt32BE(0x200, 12);
  brands.forEach((brand, i) => box.write(brand, 16 + i * 4, 'latin1'));
  return box;
}

/** Writes head, then extends the file with a hole to exactly `size` bytes. */
async function writeSparse(file: string, head: Buffer, size: number): Promise<void> {
  const handle = await fs.open(file, 'w', 0o600);
  try {
    await handle.write(head, 0, head.length, 0);
    await handle.truncate(size);
  } finally {
    await handle.close();
  }
}

export async function makeMp4(file: string, size: number): Promise<void> {
  await writeSparse(file, ftypBox(), size);
}

/** A small real JPEG, different for each seed (a gradient with a seed-dependent tint). */
export function smallJpeg(seed: number, width = 64, height = 48): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      data[o] = (x * 4 + seed * 7) & 0xff;
      data[o + 1] = (y * 5 + seed * 13) & 0xff;
      data[o + 2] = (seed * 29) & 0xff;
      data[o + 3] = 0xff;
    }
  }
  return Buffer.from(jpeg.encode({ data, width, height }, 80).data);
}

/** `count` JPEG files of `size` bytes each in dir, named photo-0001.jpg…; returns their paths. */
export async function makeJpegs(dir: string, count: number, size: number): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 1; i <= count; i++) {
    const file = path.join(dir, `photo-${String(i).padStart(4, '0')}.jpg`);
    await writeSparse(file, smallJpeg(i), size);
    files.push(file);
  }
  return files;
}

/**
 * Reads files once through, so that every measured run finds them in the page cache. Without it the first run
 * pays for filling the cache (for a sparse file: allocating and zeroing its pages), which is not the client's cost.
 */
export async function warmPageCache(files: readonly string[]): Promise<void> {
  const buffer = Buffer.allocUnsafe(8 * 1024 * 1024);
  for (const file of files) {
    const handle = await fs.open(file, 'r');
    try {
      let position = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
        if (bytesRead === 0) break;
        position += bytesRead;
      }
    } finally {
      await handle.close();
    }
  }
}
