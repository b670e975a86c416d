// Splits a raw request target into decoded path segments and a query, WITHOUT the WHATWG URL parser: that parser
// resolves "..", "." and their encoded forms (%2e%2e) before we could see them, which would turn a traversal
// attempt into a valid-looking path instead of an error. Segments are decoded one by one, so an encoded slash
// (%2F) stays inside its segment where id validation rejects it.

export interface RequestTarget {
  /** The path exactly as sent (still percent-encoded), without the query. */
  rawPath: string;
  /** Path segments after the leading slash, each percent-decoded. */
  segments: string[];
  query: URLSearchParams;
}

export function parseRequestTarget(rawUrl: string): RequestTarget | null {
  let target = rawUrl;
  // absolute-form ("GET http://host/path HTTP/1.1") is legal for requests sent to a proxy; keep only the path.
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
  if (absolute) target = target.slice(absolute[0].length) || '/';
  const hashAt = target.indexOf('#');
  if (hashAt >= 0) target = target.slice(0, hashAt);
  const queryAt = target.indexOf('?');
  const rawPath = queryAt >= 0 ? target.slice(0, queryAt) : target;
  const rawQuery = queryAt >= 0 ? target.slice(queryAt + 1) : '';
  if (!rawPath.startsWith('/')) return null;
  const segments: string[] = [];
  for (const piece of rawPath.slice(1).split('/')) {
    try {
      segments.push(decodeURIComponent(piece));
    } catch {
      return null; // malformed percent-encoding
    }
  }
  return { rawPath, segments, query: new URLSearchParams(rawQuery) };
}
