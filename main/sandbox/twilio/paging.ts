// Twilio's list paging: PageSize (1–1000, default 50), Page (client state only), and PageToken, which the API
// hands out in next_page_uri / previous_page_uri ("PA<sid>": the items after that one; "PB<sid>": before it).
// Building Page=N without a token fails as on the real API (20001, "PageToken is required for paging").
import { TWILIO_CODES, twilioError } from './errors.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

export interface PageRequest {
  pageSize: number;
  page: number;
  token: { direction: 'after' | 'before'; sid: string } | null;
}

export function parsePageRequest(query: URLSearchParams): PageRequest {
  const pageSizeText = query.get('PageSize');
  const pageSize = pageSizeText === null ? DEFAULT_PAGE_SIZE : Number(pageSizeText);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw twilioError(400, TWILIO_CODES.invalidParameter, `PageSize must be an integer from 1 to ${MAX_PAGE_SIZE}.`);
  }
  const pageText = query.get('Page');
  const page = pageText === null ? 0 : Number(pageText);
  if (!Number.isInteger(page) || page < 0) throw twilioError(400, TWILIO_CODES.invalidParameter, 'Page must be a non-negative integer.');
  const tokenText = query.get('PageToken');
  if (tokenText === null || tokenText === '') {
    if (page > 0) throw twilioError(400, TWILIO_CODES.invalidParameter, 'PageToken is required for paging');
    return { pageSize, page, token: null };
  }
  const match = /^P([AB])([A-Z]{2}[0-9a-f]{32})$/.exec(tokenText);
  if (!match) throw twilioError(400, TWILIO_CODES.invalidParameter, `Invalid PageToken "${tokenText.slice(0, 60)}".`);
  return { pageSize, page, token: { direction: match[1] === 'A' ? 'after' : 'before', sid: match[2]! } };
}

export interface PageSlice<T> {
  items: T[];
  hasNext: boolean;
  hasPrevious: boolean;
}

/**
 * Cuts one page out of `sorted` (ordered by `compare`). The token's item is found by `locate`, which also knows
 * deleted items, so a page stays correct when the item it starts after was deleted meanwhile.
 */
export function slicePage<T>(sorted: readonly T[], request: PageRequest, compare: (a: T, b: T) => number, locate: (sid: string) => T | undefined): PageSlice<T> {
  let from = 0;
  let to: number;
  if (request.token === null) {
    to = Math.min(sorted.length, request.pageSize);
  } else {
    const anchor = locate(request.token.sid);
    if (anchor === undefined) throw twilioError(400, TWILIO_CODES.invalidParameter, 'Invalid PageToken: it names nothing in this list.');
    if (request.token.direction === 'after') {
      from = firstIndexWhere(sorted, (item) => compare(item, anchor) > 0);
      to = Math.min(sorted.length, from + request.pageSize);
    } else {
      to = firstIndexWhere(sorted, (item) => compare(item, anchor) >= 0);
      from = Math.max(0, to - request.pageSize);
    }
  }
  return { items: sorted.slice(from, to), hasNext: to < sorted.length, hasPrevious: from > 0 };
}

/** Binary search: the first index whose item satisfies a predicate that is false, then true, along the list. */
function firstIndexWhere<T>(sorted: readonly T[], predicate: (item: T) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (predicate(sorted[mid]!)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** The page's URIs, relative to the API origin, with filters first as Twilio writes them. */
export function pageUris(
  path: string,
  filters: ReadonlyArray<readonly [string, string]>,
  request: PageRequest,
  slice: PageSlice<{ sid: string }>,
): { uri: string; first_page_uri: string; next_page_uri: string | null; previous_page_uri: string | null } {
  const build = (page: number, token: string | null): string => {
    const params: Array<readonly [string, string]> = [...filters, ['PageSize', String(request.pageSize)], ['Page', String(page)]];
    if (token !== null) params.push(['PageToken', token]);
    return `${path}?${params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
  };
  const currentToken = request.token === null ? null : `P${request.token.direction === 'after' ? 'A' : 'B'}${request.token.sid}`;
  const last = slice.items[slice.items.length - 1];
  const first = slice.items[0];
  return {
    uri: build(request.page, currentToken),
    first_page_uri: build(0, null),
    next_page_uri: slice.hasNext && last ? build(request.page + 1, `PA${last.sid}`) : null,
    previous_page_uri: slice.hasPrevious && first ? build(Math.max(0, request.page - 1), `PB${first.sid}`) : null,
  };
}
