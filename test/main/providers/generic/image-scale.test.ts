import { describe, expect, it } from 'vitest';
import { boxDownscale, fitWithin } from '../../../../main/providers/generic/image-scale.js';

describe('fitWithin', () => {
  it('scales the longer side to the limit and keeps the aspect ratio', () => {
    expect(fitWithin({ width: 4000, height: 3000 }, 320)).toEqual({ width: 320, height: 240 });
    expect(fitWithin({ width: 1080, height: 1920 }, 320)).toEqual({ width: 180, height: 320 });
  });

  it('never enlarges and never reaches zero', () => {
    expect(fitWithin({ width: 100, height: 50 }, 320)).toEqual({ width: 100, height: 50 });
    expect(fitWithin({ width: 10_000, height: 1 }, 320)).toEqual({ width: 320, height: 1 });
  });
});

describe('boxDownscale', () => {
  it('averages each covered area', () => {
    // 4×2 pixels: left half black/white checker (average 127.5 → 128), right half all 200.
    const rgba = new Uint8Array([
      0, 0, 0, 255, 255, 255, 255, 255, 200, 200, 200, 255, 200, 200, 200, 255,
      255, 255, 255, 255, 0, 0, 0, 255, 200, 200, 200, 255, 200, 200, 200, 255,
    ]);
    expect([...boxDownscale(rgba, { width: 4, height: 2 }, { width: 2, height: 1 })]).toEqual([128, 128, 128, 255, 200, 200, 200, 255]);
  });

  it('covers every source pixel once when the ratio is not whole', () => {
    const size = { width: 5, height: 3 };
    const rgba = new Uint8Array(size.width * size.height * 4).fill(90);
    const out = boxDownscale(rgba, size, { width: 2, height: 2 });
    expect([...out]).toEqual([90, 90, 90, 255, 90, 90, 90, 255, 90, 90, 90, 255, 90, 90, 90, 255]);
  });

  it('refuses to enlarge or to read past short pixel data', () => {
    expect(() => boxDownscale(new Uint8Array(16), { width: 2, height: 2 }, { width: 3, height: 3 })).toThrow(RangeError);
    expect(() => boxDownscale(new Uint8Array(8), { width: 2, height: 2 }, { width: 1, height: 1 })).toThrow(RangeError);
  });
});
