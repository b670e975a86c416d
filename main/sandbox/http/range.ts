// The single-range subset of HTTP Range (RFC 9110 §14): "bytes=a-b", "bytes=a-", "bytes=-n". Several ranges at
// once are answered with the whole file, which the RFC allows.

export type RangeRequest = { start: number; end: number } | 'unsatisfiable' | null;

export function parseRangeHeader(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return null;
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return null; // another unit, several ranges, or garbage: ignore the header
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null; // syntactically invalid: ignore
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { start, end };
}
