// Following a list's next_page_uri to its end, one page ahead: the request for the next page leaves as soon as its
// link is read, so Twilio builds that page while this one's entries are validated and handed out. Paging stays
// sequential in what is asked (each link comes from the page before it); only the waiting overlaps.
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';

export interface FetchedPage<T> {
  /** The next page's link as Twilio gave it; null on the last page. */
  next: string | null;
  /** The page's entries, validated when asked for (after the next page's request has left). */
  items(): T[];
}

/**
 * Yields every entry of every page from `first` on. A link that cannot be followed (nextUrl throws) or that was
 * visited before fails the iteration after the entries of the page that gave it. A request still running when
 * the iteration ends early (break, an error) is cancelled.
 */
export async function* followPages<T>(
  first: URL,
  fetchPage: (url: URL, signal: AbortSignal) => Promise<FetchedPage<T>>,
  nextUrl: (link: string) => URL,
  signal?: AbortSignal,
): AsyncGenerator<T> {
  const ahead = new AbortController();
  const combined = signal ? AbortSignal.any([signal, ahead.signal]) : ahead.signal;
  const seen = new Set<string>([first.href]);
  let pending: Promise<FetchedPage<T>> | undefined = fetchPage(first, combined);
  try {
    while (pending) {
      const page: FetchedPage<T> = await pending;
      pending = undefined;
      let stop: Error | undefined;
      if (page.next !== null) {
        try {
          const url = nextUrl(page.next);
          if (seen.has(url.href)) throw new AppError('protocol', phrase('errors:twilio.pageLinkVisited'));
          seen.add(url.href);
          pending = fetchPage(url, combined);
          // Its failure is reported when it is awaited, after this page's entries; never as an unhandled rejection.
          pending.catch(() => undefined);
        } catch (err) {
          stop = err instanceof Error ? err : new AppError('protocol', phrase('errors:twilio.pageLinkBroken'));

        }
      }
      yield* page.items();
      if (stop !== undefined) throw stop;
    }
  } finally {
    if (pending) ahead.abort();
  }
}
