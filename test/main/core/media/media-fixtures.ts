// Builders for the media the tests need, made in memory so every test states what its file contains.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as jpeg from 'jpeg-js';

/** A real JPEG of the given size, a horizontal gradient (so downscaling is visible in the pixels). */
export function makeJpeg(width: number, height: number, quality = 90): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      data[at] = Math.round((x / Math.max(1, width - 1)) * 255);
      data[at + 1] = 128;
      data[at + 2] = Math.round((y / Math.max(1, height - 1)) * 255);
      data[at + 3] = 255;
    }
  }
  return jpeg.encode({ data, width, height }, quality).data;
}

export function box(type: string, ...payload: Uint8Array[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

export function ftyp(major: string, compatible: string[] = []): Buffer {
  return box('ftyp', Buffer.from(major, 'latin1'), Buffer.alloc(4), ...compatible.map((brand) => Buffer.from(brand, 'latin1')));
}

export interface TrackSpec {
  width: number;
  height: number;
  version?: 0 | 1;
  /** A quarter turn in the display matrix (a phone video shot upright). */
  quarterTurn?: boolean;
}

export function tkhd({ width, height, version = 0, quarterTurn = false }: TrackSpec): Buffer {
  const times = version === 1 ? 32 : 20;
  const payload = Buffer.alloc(4 + times + 8 + 8 + 36 + 8);
  payload[0] = version;
  const matrixAt = 4 + times + 16;
  const one = 0x10000;
  // The matrix is {a b u, c d v, x y w}: identity, or a 90° rotation (a = d = 0, b = 1, c = -1).
  if (quarterTurn) {
    payload.writeInt32BE(one, matrixAt + 4);
    payload.writeInt32BE(-one, matrixAt + 12);
  } else {
    payload.writeInt32BE(one, matrixAt);
    payload.writeInt32BE(one, matrixAt + 16);
  }
  payload.writeInt32BE(0x40000000, matrixAt + 32);
  payload.writeUInt32BE(width * one, matrixAt + 36);
  payload.writeUInt32BE(height * one, matrixAt + 40);
  return box('tkhd', payload);
}

export interface Mp4Spec {
  major?: string;
  compatible?: string[];
  tracks?: TrackSpec[];
  /** Bytes of media data; placed before moov unless moovFirst. */
  mdatBytes?: number;
  moovFirst?: boolean;
}

/** A minimal ISO BMFF file: ftyp, mdat and a moov with one trak/tkhd per track (enough for our readers). */
export function makeMp4({ major = 'isom', compatible = ['isom', 'avc1', 'mp41'], tracks = [{ width: 640, height: 360 }], mdatBytes = 64, moovFirst = false }: Mp4Spec = {}): Buffer {
  const moov = box('moov', box('mvhd', Buffer.alloc(100)), ...tracks.map((track) => box('trak', tkhd(track), box('mdia', Buffer.alloc(16)))));
  const mdat = box('mdat', Buffer.alloc(mdatBytes, 0x11));
  return Buffer.concat(moovFirst ? [ftyp(major, compatible), moov, mdat] : [ftyp(major, compatible), mdat, moov]);
}

export const PNG_BYTES = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);

export async function makeTempDir(prefix: string): Promise<{ dir: string; file: (name: string, content: Uint8Array | string) => Promise<string>; remove: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `mediadesk-${prefix}-`));
  return {
    dir,
    file: async (name, content) => {
      const target = path.join(dir, name);
      await fs.writeFile(target, content);
      return target;
    },
    remove: () => fs.rm(dir, { recursive: true, force: true }),
  };
}
