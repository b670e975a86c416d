// Width and height of a JPEG (from its SOF marker) or an MP4 (from its first visual track's tkhd box), read by
// seeking through the file's structure instead of loading it: an MP4's moov box may sit after gigabytes of media.
// Pure (no Node imports): the bytes come from a ByteSource, a file (file-source.ts) or a buffer (bytesSource).
import { readUint32 } from '../../common/media-sniff.js';

export interface Dimensions {
  width: number;
  height: number;
}

/** Random access to a file's bytes; read may return fewer bytes than asked at the end. */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
  };
}

// Corrupt files can describe loops of tiny segments or boxes; these caps bound the work.
const MAX_JPEG_SEGMENTS = 4096;
const MAX_MP4_BOXES = 4096;
const MAX_SIDE = 65_535;

/** Reads the frame size from the first SOF marker; undefined when the stream is not a readable JPEG header. */
export async function readJpegDimensions(source: ByteSource): Promise<Dimensions | undefined> {
  const start = await source.read(0, 2);
  if (start[0] !== 0xff || start[1] !== 0xd8) return undefined;
  let offset = 2;
  for (let segments = 0; segments < MAX_JPEG_SEGMENTS && offset < source.size; segments++) {
    const head = await source.read(offset, 4);
    if (head[0] !== 0xff || head.length < 2) return undefined;
    const marker = head[1] ?? 0;
    if (marker === 0xff) {
      offset += 1; // fill byte before a marker
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // standalone markers carry no length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image or start of scan before any frame header
    if (head.length < 4) return undefined;
    const length = ((head[2] ?? 0) << 8) | (head[3] ?? 0);
    if (length < 2) return undefined;
    if (isStartOfFrame(marker)) {
      const frame = await source.read(offset + 4, 5);
      if (frame.length < 5) return undefined;
      const height = ((frame[1] ?? 0) << 8) | (frame[2] ?? 0);
      const width = ((frame[3] ?? 0) << 8) | (frame[4] ?? 0);
      return width > 0 && height > 0 ? { width, height } : undefined;
    }
    offset += 2 + length;
  }
  return undefined;
}

function isStartOfFrame(marker: number): boolean {
  // C0–CF are frame headers except DHT (C4), JPG (C8) and DAC (CC).
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

interface BoxHeader {
  type: string;
  /** Where the box's payload starts and where the box ends. */
  payloadStart: number;
  end: number;
}

async function readBoxHeader(source: ByteSource, offset: number, limit: number): Promise<BoxHeader | undefined> {
  const head = await source.read(offset, 16);
  if (head.length < 8) return undefined;
  let size = readUint32(head, 0);
  const type = String.fromCharCode(...head.subarray(4, 8));
  let payloadStart = offset + 8;
  if (size === 1) {
    if (head.length < 16) return undefined;
    size = readUint32(head, 8) * 2 ** 32 + readUint32(head, 12);
    payloadStart = offset + 16;
  } else if (size === 0) {
    size = limit - offset; // the box runs to the end of its parent (or the file)
  }
  const end = offset + size;
  if (end < payloadStart || end > limit) return undefined;
  return { type, payloadStart, end };
}

/**
 * The display size of the first video track: tkhd width/height (16.16 fixed point), swapped when the track's
 * matrix turns the picture a quarter turn. Undefined when the file has no readable visual track header.
 */
export async function readMp4Dimensions(source: ByteSource): Promise<Dimensions | undefined> {
  const budget = { boxes: 0 };
  const moov = await findChild(source, 0, source.size, 'moov', budget);
  if (!moov) return undefined;
  let offset = moov.payloadStart;
  while (offset < moov.end && budget.boxes++ < MAX_MP4_BOXES) {
    const box = await readBoxHeader(source, offset, moov.end);
    if (!box) return undefined;
    if (box.type === 'trak') {
      const tkhd = await findChild(source, box.payloadStart, box.end, 'tkhd', budget);
      const dimensions = tkhd ? await readTrackHeader(source, tkhd) : undefined;
      if (dimensions) return dimensions;
    }
    offset = box.end;
  }
  return undefined;
}

async function findChild(source: ByteSource, start: number, end: number, type: string, budget: { boxes: number }): Promise<BoxHeader | undefined> {
  let offset = start;
  while (offset < end && budget.boxes++ < MAX_MP4_BOXES) {
    const box = await readBoxHeader(source, offset, end);
    if (!box) return undefined;
    if (box.type === type) return box;
    offset = box.end;
  }
  return undefined;
}

async function readTrackHeader(source: ByteSource, tkhd: BoxHeader): Promise<Dimensions | undefined> {
  const payload = await source.read(tkhd.payloadStart, Math.min(96, tkhd.end - tkhd.payloadStart));
  const version = payload[0];
  // Offsets after the version/flags word: times and ids are 32-bit in version 0, 64-bit in version 1.
  const matrixAt = version === 1 ? 52 : 40;
  const sizeAt = matrixAt + 36;
  if (payload.length < sizeAt + 8) return undefined;
  const width = Math.round(readUint32(payload, sizeAt) / 65536);
  const height = Math.round(readUint32(payload, sizeAt + 4) / 65536);
  if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) return undefined; // audio tracks are 0×0
  const a = readUint32(payload, matrixAt);
  const d = readUint32(payload, matrixAt + 16);
  const quarterTurn = a === 0 && d === 0;
  return quarterTurn ? { width: height, height: width } : { width, height };
}
