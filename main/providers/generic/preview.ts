// The small JPEG preview the media reference send carries: at most 320 px on its longer side, same aspect ratio.
// Always re-encoded, even when the original is small, so no EXIF metadata (GPS position, camera serial) leaks
// into the message. Plain Node has no video decoder: a video's preview is a frame the caller grabbed, else a
// neutral placeholder with the video's aspect ratio.
import fs from 'node:fs/promises';
import * as jpeg from 'jpeg-js';
import { bytesSource, readJpegDimensions, readMp4Dimensions, type Dimensions } from '../../core/media/dimensions.js';
import { withFileSource } from '../../core/media/file-source.js';
import type { MediaContentType } from '../../common/media-sniff.js';
import { boxDownscale, fitWithin } from './image-scale.js';

export const PREVIEW_MAX_SIDE = 320;
/** Decoding needs 4 bytes a pixel and more for the decoder's own planes; beyond this a placeholder is used. */
export const MAX_DECODE_MEGAPIXELS = 40;
/** A 40-megapixel JPEG is rarely above 30 MB; a larger file is not read into memory. */
const MAX_DECODE_FILE_BYTES = 64 * 1024 * 1024;
const PREVIEW_QUALITY = 80;
const DEFAULT_VIDEO_ASPECT: Dimensions = { width: 16, height: 9 };
const DEFAULT_IMAGE_ASPECT: Dimensions = { width: 4, height: 3 };

export interface JpegPreview {
  jpeg: Buffer;
  width: number;
  height: number;
}

export interface PreviewSource {
  path: string;
  contentType: MediaContentType;
  size: number;
}

/** A preview for the file; never fails for a file that passed the media check (falls back to a placeholder). */
export async function makePreview(file: PreviewSource, suppliedFrame?: Uint8Array): Promise<JpegPreview> {
  if (file.contentType === 'image/jpeg') {
    const dimensions = await withFileSource(file.path, readJpegDimensions).catch(() => undefined);
    if (dimensions && decodable(dimensions) && file.size <= MAX_DECODE_FILE_BYTES) {
      const bytes = await fs.readFile(file.path).catch(() => undefined);
      const preview = bytes ? tryPreviewFromJpeg(bytes) : undefined;
      if (preview) return preview;
    }
    return placeholderPreview(dimensions ?? DEFAULT_IMAGE_ASPECT, 'image');
  }
  if (suppliedFrame) {
    const frameSize = await readJpegDimensions(bytesSource(suppliedFrame));
    const preview = frameSize && decodable(frameSize) ? tryPreviewFromJpeg(suppliedFrame) : undefined;
    if (preview) return preview;
  }
  const dimensions = await withFileSource(file.path, readMp4Dimensions).catch(() => undefined);
  return placeholderPreview(dimensions ?? DEFAULT_VIDEO_ASPECT, 'video');
}

function decodable(size: Dimensions): boolean {
  return size.width * size.height <= MAX_DECODE_MEGAPIXELS * 1_000_000;
}

/** Decodes, downscales and re-encodes a JPEG; throws when the bytes do not decode. */
export function previewFromJpeg(bytes: Uint8Array): JpegPreview {
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_DECODE_MEGAPIXELS });
  const source = { width: image.width, height: image.height };
  const target = fitWithin(source, PREVIEW_MAX_SIDE);
  const pixels = target.width === source.width && target.height === source.height ? image.data : boxDownscale(image.data, source, target);
  return encode(pixels, target);
}

function tryPreviewFromJpeg(bytes: Uint8Array): JpegPreview | undefined {
  try {
    return previewFromJpeg(bytes);
  } catch {
    return undefined;
  }
}

/** A mid-grey picture of the given aspect ratio; a video's also shows a light "play" triangle. */
export function placeholderPreview(aspect: Dimensions, kind: 'image' | 'video'): JpegPreview {
  const size = fitWithin(scaleUp(aspect), PREVIEW_MAX_SIDE);
  const pixels = new Uint8Array(size.width * size.height * 4);
  const centerX = size.width / 2;
  const centerY = size.height / 2;
  const half = Math.min(size.width, size.height) / 5;
  for (let y = 0; y < size.height; y++) {
    for (let x = 0; x < size.width; x++) {
      // The triangle points right: its left edge is vertical, its two other edges meet at the tip.
      const dx = x - (centerX - half * 0.8);
      const insideTriangle = kind === 'video' && dx >= 0 && Math.abs(y - centerY) <= half * (1 - dx / (half * 1.8));
      const level = insideTriangle ? 0xe0 : 0x80;
      const at = (y * size.width + x) * 4;
      pixels[at] = level;
      pixels[at + 1] = level;
      pixels[at + 2] = level;
      pixels[at + 3] = 255;
    }
  }
  return encode(pixels, size);
}

/** An aspect given as small numbers (16:9) becomes a size that fitWithin scales down to the preview box. */
function scaleUp(aspect: Dimensions): Dimensions {
  const factor = Math.max(1, Math.ceil(PREVIEW_MAX_SIDE / Math.max(aspect.width, aspect.height)));
  return { width: aspect.width * factor, height: aspect.height * factor };
}

function encode(pixels: Uint8Array, size: Dimensions): JpegPreview {
  const encoded = jpeg.encode({ data: pixels, width: size.width, height: size.height }, PREVIEW_QUALITY);
  return { jpeg: encoded.data, width: size.width, height: size.height };
}
