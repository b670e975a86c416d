import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../main/common/format-bytes.js';

describe('formatBytes: binary multiples with IEC names, everywhere', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [10 * 1024, '10 KiB'],
    [256 * 1024, '256 KiB'],
    [1024 * 1024 - 1, '1.0 MiB'],
    [12 * 1024 * 1024, '12 MiB'],
    [50 * 1024 * 1024, '50 MiB'],
    [4096 * 1024 * 1024, '4.0 GiB'],
    [3 * 1024 ** 5, '3072 TiB'],
  ])('%d bytes read "%s"', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('never shows a negative or a non-number', () => {
    expect(formatBytes(-5)).toBe('0 B');
    expect(formatBytes(Number.NaN)).toBe('0 B');
  });
});
