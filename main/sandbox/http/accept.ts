// Content negotiation on the Accept header (RFC 9110 §12.5.1), enough for choosing between a few offered types.

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [mediaRange = '', ...params] = part.split(';').map((p) => p.trim());
    const [type, subtype] = mediaRange.toLowerCase().split('/');
    if (!type || !subtype) continue;
    let q = 1;
    for (const param of params) {
      const m = /^q\s*=\s*([0-9.]+)$/i.exec(param);
      if (m) q = Math.min(1, Math.max(0, Number(m[1])));
    }
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

/** The offered type the client prefers, or null when it accepts none of them. No header accepts the first. */
export function negotiate(acceptHeader: string | undefined, offered: readonly string[]): string | null {
  if (acceptHeader === undefined || acceptHeader.trim() === '') return offered[0] ?? null;
  const ranges = parseAccept(acceptHeader);
  let best: { type: string; q: number } | null = null;
  for (const candidate of offered) {
    const [type, subtype] = candidate.toLowerCase().split('/');
    let quality = -1;
    let specificity = -1;
    for (const range of ranges) {
      const s =
        range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : range.type === '*' ? 0 : -1;
      if (s > specificity) {
        specificity = s;
        quality = range.q;
      }
    }
    if (quality > 0 && (best === null || quality > best.q)) best = { type: candidate, q: quality };
  }
  return best?.type ?? null;
}
