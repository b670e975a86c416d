// Following a list's next_page_uri to its end, ahead of the caller: the request for the next page leaves as soon as
// its link is known, so Twilio builds that page while this one is still arriving, being read and handed out. The
// link is known early when the answer shows it before its entries (see page-link-scan.ts), else once the page is
// read. Paging stays sequential in what is asked (each link comes from the page before it): an early link is a
// guess that the page itself must confirm, and a request made on a guess the page contradicts is cancelled.
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';

export interface FetchedPage<T> {
  /** The next page's link as Twilio gave it; null on the last page. */
  next: string | null;
  /** The page's entries, validated when asked for (after the next page's request has left). */
  items(): T[];
}

/** Fetches one page; `onNextLink` may be called once, before the page is complete, with the link its start shows. */
export type PageFetcher<T> = (url: URL, signal: AbortSignal, onNextLink: (link: string) => void) => Promise<FetchedPage<T>>;

/** One page asked for, and the page after it when it was asked for early. */
class Flight<T> {
  readonly cancel = new AbortController();
  readonly page: Promise<FetchedPage<T>>;
  early: string | undefined;
  ahead: Flight<T> | undefined;

  constructor(
    readonly url: URL,
    fetchPage: PageFetcher<T>,
    signal: AbortSignal,
    onEarly: (flight: Flight<T>) => void,
  ) {
    this.page = fetchPage(url, AbortSignal.any([signal, this.cancel.signal]), (link) => {
      if (this.early !== undefined) return;
      this.early = link;
      onEarly(this);
    });
    // Its failure is reported when it is awaited, after the entries before it; never as an unhandled rejection.
    this.page.catch(() => undefined);
  }

  dropAhead(): void {
    this.ahead?.cancel.abort();
    this.ahead = undefined;
  }
}

/**
 * Yields every entry of every page from the one `first` gives on (called at the first step, so that bad arguments
 * fail that step, as they would in the caller's own async generator). A link that cannot be followed (nextUrl
 * throws) or that was visited before fails the iteration after the entries of the page that gave it. At most the
 * page after the one being handed out and the one after that are asked for ahead; any request still running when
 * the iteration ends (its end, a break, an error) is cancelled.
 */
export async function* followPages<T>(first: () => URL, fetchPage: PageFetcher<T>, nextUrl: (link: string) => URL, signal?: AbortSignal): AsyncGenerator<T> {
  const stopAll = new AbortController();
  const combined = signal ? AbortSignal.any([signal, stopAll.signal]) : stopAll.signal;
  const seen = new Set<string>();
  let pending: Flight<T> | undefined;

  /** Asks for the page an early link names, for the page awaited next only, and only a link that may be followed. */
  const goAhead = (flight: Flight<T>): void => {
    if (flight !== pending || flight.early === undefined || flight.ahead !== undefined) return;
    let url: URL;
    try {
      url = nextUrl(flight.early);
    } catch {
      return; // the page's own link is checked again when the page is complete, and fails there
    }
    if (!seen.has(url.href)) flight.ahead = new Flight(url, fetchPage, combined, goAhead);
  };

  try {
    const firstUrl = first();
    seen.add(firstUrl.href);
    pending = new Flight(firstUrl, fetchPage, combined, goAhead);
    while (pending) {
      const flight: Flight<T> = pending;
      const page = await flight.page;
      pending = undefined;
      let stop: Error | undefined;
      if (page.next === null) {
        flight.dropAhead();
      } else {
        try {
          const url = nextUrl(page.next);
          if (seen.has(url.href)) throw new AppError('protocol', phrase('errors:twilio.pageLinkVisited'));
          seen.add(url.href);
          if (flight.ahead?.url.href === url.href) {
            pending = flight.ahead;
          } else {
            flight.dropAhead();
            pending = new Flight(url, fetchPage, combined, goAhead);
          }
          goAhead(pending);
        } catch (err) {
          flight.dropAhead();
          stop = err instanceof Error ? err : new AppError('protocol', phrase('errors:twilio.pageLinkBroken'));
        }
      }
      // One `yield` per entry: `yield*` over an array costs about twice as much per entry in an async generator.
      for (const item of page.items()) yield item;
      if (stop !== undefined) throw stop;
    }
  } finally {
    stopAll.abort();
  }
}
