import { describe, expect, it } from 'vitest';
import { parseRangeHeader } from '../../../../main/sandbox/http/range.js';

describe('parseRangeHeader (single byte ranges)', () => {
  const size = 1000;
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=900-', { start: 900, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
    [' bytes = 5 - 6 ', { start: 5, end: 6 }],
  ])('%s is served as a part', (header, expected) => {
    expect(parseRangeHeader(header, size)).toEqual(expected);
  });

  it.each(['bytes=1000-', 'bytes=5000-6000', 'bytes=-0'])('%s cannot be satisfied (416)', (header) => {
    expect(parseRangeHeader(header, size)).toBe('unsatisfiable');
  });

  it('any range of an empty file cannot be satisfied', () => {
    expect(parseRangeHeader('bytes=0-', 0)).toBe('unsatisfiable');
  });

  it.each([undefined, 'bytes=0-1,5-6', 'items=0-5', 'bytes=9-3', 'bytes=-', 'bytes=abc'])('%s is ignored: the whole file is served', (header) => {
    expect(parseRangeHeader(header, size)).toBeNull();
  });
});
