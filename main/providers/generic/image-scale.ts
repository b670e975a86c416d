// Pure pixel helpers for the preview: the size that fits a box, and an area-averaging (box filter) downscale,
// which is what keeps a thumbnail of a large photo from shimmering the way nearest-neighbour does.

export interface Size {
  width: number;
  height: number;
}

/** The largest size with the same aspect ratio that fits maxSide × maxSide; never larger than the original. */
export function fitWithin(size: Size, maxSide: number): Size {
  const scale = Math.min(1, maxSide / Math.max(size.width, size.height));
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  };
}

/**
 * Downscales RGBA pixels: each target pixel is the average of the source pixels its area covers. The alpha
 * channel is set opaque (JPEG has none).
 */
export function boxDownscale(rgba: Uint8Array, source: Size, target: Size): Uint8Array {
  if (rgba.length < source.width * source.height * 4) throw new RangeError('Pixel data is shorter than its size.');
  if (target.width > source.width || target.height > source.height) throw new RangeError('boxDownscale only shrinks.');
  const columnStart = boundaries(source.width, target.width);
  const rowStart = boundaries(source.height, target.height);
  const out = new Uint8Array(target.width * target.height * 4);
  const sums = new Float64Array(target.width * 3);
  for (let ty = 0; ty < target.height; ty++) {
    sums.fill(0);
    const y0 = rowStart[ty] ?? 0;
    const y1 = rowStart[ty + 1] ?? source.height;
    for (let sy = y0; sy < y1; sy++) {
      const row = sy * source.width * 4;
      for (let tx = 0; tx < target.width; tx++) {
        const x1 = columnStart[tx + 1] ?? source.width;
        for (let sx = columnStart[tx] ?? 0; sx < x1; sx++) {
          const at = row + sx * 4;
          sums[tx * 3] = (sums[tx * 3] ?? 0) + (rgba[at] ?? 0);
          sums[tx * 3 + 1] = (sums[tx * 3 + 1] ?? 0) + (rgba[at + 1] ?? 0);
          sums[tx * 3 + 2] = (sums[tx * 3 + 2] ?? 0) + (rgba[at + 2] ?? 0);
        }
      }
    }
    for (let tx = 0; tx < target.width; tx++) {
      const count = ((columnStart[tx + 1] ?? source.width) - (columnStart[tx] ?? 0)) * (y1 - y0);
      const at = (ty * target.width + tx) * 4;
      out[at] = Math.round((sums[tx * 3] ?? 0) / count);
      out[at + 1] = Math.round((sums[tx * 3 + 1] ?? 0) / count);
      out[at + 2] = Math.round((sums[tx * 3 + 2] ?? 0) / count);
      out[at + 3] = 255;
    }
  }
  return out;
}

/** Start index of each of `parts` runs covering `length` items, plus `length` at the end (parts ≤ length, so no run is empty). */
function boundaries(length: number, parts: number): number[] {
  const starts: number[] = [];
  for (let i = 0; i <= parts; i++) starts.push(Math.floor((i * length) / parts));
  return starts;
}
