// The Twilio Message Media client: messages, their media (JSON, XML, bytes), deletion and paging.
// Every argument is checked on the way in, every answer validated on the way back.
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { fieldError, issuePhrase } from '../../common/validation-messages.js';

import { checkAnswer, DEFAULT_NOT_FOUND_RETRY_MS, DEFAULT_RETRY, defaultSleep, TwilioApi, type CallOptions, type RetryPolicy, type Sleep, type TwilioSubject } from './api.js';
import { validateTwilioConnection, type TwilioConnection } from './connection.js';
import { dateRangeParams } from './dates.js';
import { saveMediaContent, type DownloadOptions, type DownloadResult, type DownloadTarget } from './download.js';
import { openMediaContent, type MediaContent, type MediaContentOptions } from './media-content.js';
import { parseMediaXml } from './media-xml.js';
import { scanNextPageLink } from './page-link-scan.js';
import { followPages, type FetchedPage } from './page-follow.js';
import {
  MEDIA_SID,
  MESSAGE_SID,
  mediaEntriesSchema,
  mediaPageSchema,
  mediaSchema,
  messageEntriesSchema,
  messagePageSchema,
  messageSchema,
  pagingSchema,
  type TwilioMedia,
  type TwilioMessage,
} from './schemas.js';

export interface MessageFilters {
  to?: string;
  from?: string;
  /** A GMT day, YYYY-MM-DD. */
  dateSent?: string;
  /** On or before: a GMT day (the whole day counts) or an ISO 8601 date-time. */
  dateSentBefore?: string;
  /** On or after: a GMT day or an ISO 8601 date-time. */
  dateSentAfter?: string;
  /** 1 to 1000; Twilio's default is 50. */
  pageSize?: number;
  /** Keep only messages with media (Twilio has no such filter: pages are filtered here, see listMessages). */
  withMediaOnly?: boolean;
}

export interface MediaFilters {
  /** A GMT day, YYYY-MM-DD. */
  dateCreated?: string;
  dateCreatedBefore?: string;
  dateCreatedAfter?: string;
  pageSize?: number;
}

export interface Page<T> {
  items: T[];
  /** The link to pass to nextMessages / nextMedia, exactly as Twilio gave it; null on the last page. */
  nextPageUri: string | null;
  /** How many pages were read to fill this one (more than 1 only with withMediaOnly). */
  pagesFetched: number;
}

export interface ClientOptions {
  retry?: Partial<RetryPolicy>;
  /** Replaces setTimeout-based waiting (tests record the waits instead). */
  sleep?: Sleep;
  /** Wait before retrying a 404 on a message that may have just arrived. */
  notFoundRetryDelayMs?: number;
  /** With withMediaOnly, how many pages one call may read looking for a message with media. */
  maxPagesPerCall?: number;
}

export interface TwilioClient {
  readonly accountSid: string;
  listMessages(filters?: MessageFilters, opts?: CallOptions): Promise<Page<TwilioMessage>>;
  nextMessages(nextPageUri: string, opts?: CallOptions & { withMediaOnly?: boolean }): Promise<Page<TwilioMessage>>;
  iterateMessages(filters?: MessageFilters, opts?: CallOptions): AsyncGenerator<TwilioMessage>;
  getMessage(messageSid: string, opts?: CallOptions): Promise<TwilioMessage>;
  listMedia(messageSid: string, filters?: MediaFilters, opts?: CallOptions): Promise<Page<TwilioMedia>>;
  nextMedia(nextPageUri: string, opts?: CallOptions): Promise<Page<TwilioMedia>>;
  iterateMedia(messageSid: string, filters?: MediaFilters, opts?: CallOptions): AsyncGenerator<TwilioMedia>;
  getMedia(messageSid: string, mediaSid: string, opts?: CallOptions): Promise<TwilioMedia>;
  getMediaXml(messageSid: string, mediaSid: string, opts?: CallOptions): Promise<{ xml: string; media: TwilioMedia }>;
  deleteMedia(messageSid: string, mediaSid: string, opts?: CallOptions): Promise<void>;
  openMediaContent(messageSid: string, mediaSid: string, opts?: MediaContentOptions): Promise<MediaContent>;
  downloadMedia(messageSid: string, mediaSid: string, target: DownloadTarget, opts?: DownloadOptions): Promise<DownloadResult>;
  /** The media's address on the API (no credentials in it), for "copy the media URL". */
  mediaUrl(messageSid: string, mediaSid: string): string;
}

const address = z.string().trim().min(1).max(200).regex(/^[^\x00-\x1f\x7f]+$/, 'must not contain control characters');
const pageSize = z.number().int().min(1).max(1000);
const messageFiltersSchema = z.strictObject({
  to: address.optional(),
  from: address.optional(),
  dateSent: z.string().optional(),
  dateSentBefore: z.string().optional(),
  dateSentAfter: z.string().optional(),
  pageSize: pageSize.optional(),
  withMediaOnly: z.boolean().optional(),
});
const mediaFiltersSchema = z.strictObject({
  dateCreated: z.string().optional(),
  dateCreatedBefore: z.string().optional(),
  dateCreatedAfter: z.string().optional(),
  pageSize: pageSize.optional(),
});
const optionsSchema = z.object({
  retry: z
    .object({
      maxAttempts: z.number().int().min(1).max(20).optional(),
      baseDelayMs: z.number().min(0).optional(),
      maxDelayMs: z.number().min(0).optional(),
    })
    .optional(),
  notFoundRetryDelayMs: z.number().min(0).optional(),
  maxPagesPerCall: z.number().int().min(1).max(1000).optional(),
});

const mediaEntries = mediaEntriesSchema.transform((page) => page.media_list);

const MESSAGES_LIST = /^\/Messages\.json$/;
const MEDIA_LIST = /^\/Messages\/(SM|MM)[0-9a-fA-F]{32}\/Media\.json$/;

const INVALID = {
  message: 'errors:twilio.invalid.message',
  media: 'errors:twilio.invalid.media',
  pageLink: 'errors:twilio.invalid.pageLink',
  options: 'errors:twilio.invalid.options',
  messageFilters: 'errors:twilio.invalid.messageFilters',
  mediaFilters: 'errors:twilio.invalid.mediaFilters',
} as const;

function check<T>(schema: z.ZodType<T>, value: unknown, field: string, what: keyof typeof INVALID): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${field}.${issue.path.join('.')}` : field;
    throw new AppError('validation', phrase('errors:twilio.invalidInput', { what: phrase(INVALID[what]), field: where, reason: issue ? issuePhrase(issue) : phrase('errors:twilio.isInvalid') }), { field: where });
  }
  return parsed.data;
}

const messageSid = (v: unknown): string => check(z.string().regex(MESSAGE_SID, fieldError(phrase('errors:twilio.messageSidShape'))), v, 'messageSid', 'message');
const mediaSid = (v: unknown): string => check(z.string().regex(MEDIA_SID, fieldError(phrase('errors:twilio.mediaSidShape'))), v, 'mediaSid', 'media');
const pageUri = (v: unknown): string => check(z.string().min(1).max(4096), v, 'nextPageUri', 'pageLink');

/** num_media is a string ("0", "3"); an absent count is kept, since it cannot prove the message has no media. */
export function hasMedia(message: TwilioMessage): boolean {
  if (message.num_media === null) return true;
  const count = Number(message.num_media);
  return Number.isFinite(count) && count > 0;
}

export function createTwilioClient(connectionInput: TwilioConnection, clientOptions: ClientOptions = {}): TwilioClient {
  const checked = validateTwilioConnection(connectionInput);
  if (!checked.ok) throw new AppError('config', checked.problems.find((p) => p.severity === 'error')?.phrase ?? phrase('errors:twilio.accountInvalid'));
  const options = check(optionsSchema, clientOptions, 'options', 'options');
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const sleep = clientOptions.sleep ?? defaultSleep;
  const maxPagesPerCall = options.maxPagesPerCall ?? 10;
  const api = new TwilioApi(checked.connection, retry, sleep, options.notFoundRetryDelayMs ?? DEFAULT_NOT_FOUND_RETRY_MS);

  async function messagePage(url: URL, opts: CallOptions): Promise<{ items: TwilioMessage[]; next: string | null }> {
    const page = await api.getJson(url, messagePageSchema, 'the list of messages', opts);
    return { items: page.messages, next: page.next_page_uri };
  }

  /** Reads pages from `first` on until one has a message to show (with withMediaOnly) or the bound is hit. */
  async function readMessages(first: URL, withMediaOnly: boolean, opts: CallOptions): Promise<Page<TwilioMessage>> {
    let page = await messagePage(first, opts);
    let pagesFetched = 1;
    let items = withMediaOnly ? page.items.filter(hasMedia) : page.items;
    while (withMediaOnly && items.length === 0 && page.next !== null && pagesFetched < maxPagesPerCall) {
      page = await messagePage(api.pageUrl(page.next, MESSAGES_LIST), opts);
      pagesFetched += 1;
      items = page.items.filter(hasMedia);
    }
    return { items, nextPageUri: page.next, pagesFetched };
  }

  function messagesUrl(filtersInput: MessageFilters | undefined): { url: URL; withMediaOnly: boolean } {
    const filters = check(messageFiltersSchema, filtersInput ?? {}, 'filters', 'messageFilters');
    const query: Array<[string, string]> = [];
    if (filters.to !== undefined) query.push(['To', filters.to]);
    if (filters.from !== undefined) query.push(['From', filters.from]);
    query.push(...dateRangeParams('DateSent', { on: filters.dateSent, before: filters.dateSentBefore, after: filters.dateSentAfter }, 'dateSent'));
    if (filters.pageSize !== undefined) query.push(['PageSize', String(filters.pageSize)]);
    return { url: api.url('/Messages.json', query), withMediaOnly: filters.withMediaOnly === true };
  }

  function mediaListUrl(sid: string, filtersInput: MediaFilters | undefined): URL {
    const filters = check(mediaFiltersSchema, filtersInput ?? {}, 'filters', 'mediaFilters');
    const query = dateRangeParams('DateCreated', { on: filters.dateCreated, before: filters.dateCreatedBefore, after: filters.dateCreatedAfter }, 'dateCreated');
    if (filters.pageSize !== undefined) query.push(['PageSize', String(filters.pageSize)]);
    return api.url(`/Messages/${sid}/Media.json`, query);
  }

  async function mediaPage(url: URL, opts: CallOptions & { retryNotFound?: boolean }): Promise<Page<TwilioMedia>> {
    const page = await api.getJson(url, mediaPageSchema, 'the media of a message', opts);
    return { items: page.media_list, nextPageUri: page.next_page_uri, pagesFetched: 1 };
  }

  /**
   * One page of a list, its paging fields checked now and its entries when asked for (see followPages); the next
   * page's link goes to onNextLink as soon as the start of the answer shows it.
   */
  async function listPage<T>(
    url: URL,
    entries: z.ZodType<T[]>,
    what: TwilioSubject,
    opts: CallOptions & { retryNotFound?: boolean },
    onNextLink: (link: string) => void,
  ): Promise<FetchedPage<T>> {
    let scanning = true;
    const onText = (textSoFar: string): void => {
      if (!scanning) return;
      const link = scanNextPageLink(textSoFar);
      if (link === undefined) return;
      scanning = false;
      if (link !== null) onNextLink(link);
    };
    const answer = await api.getJsonValue(url, what, { ...opts, onText });
    const paging = checkAnswer(pagingSchema, answer, what);
    return { next: paging.next_page_uri, items: () => checkAnswer(entries, answer, what) };
  }

  const mediaPath = (msg: unknown, media: unknown): string => `/Messages/${messageSid(msg)}/Media/${mediaSid(media)}`;

  return {
    accountSid: checked.connection.accountSid,

    async listMessages(filters, opts = {}) {
      const { url, withMediaOnly } = messagesUrl(filters);
      return readMessages(url, withMediaOnly, opts);
    },

    async nextMessages(nextPageUri, opts = {}) {
      return readMessages(api.pageUrl(pageUri(nextPageUri), MESSAGES_LIST), opts.withMediaOnly === true, opts);
    },

    async *iterateMessages(filters, opts = {}) {
      const { url, withMediaOnly } = messagesUrl(filters);
      const entries = messageEntriesSchema.transform((page) => page.messages);
      const read = (u: URL, signal: AbortSignal, onNextLink: (link: string) => void) => listPage(u, entries, 'the list of messages', { ...opts, signal }, onNextLink);
      const pages = followPages(() => url, read, (link) => api.pageUrl(link, MESSAGES_LIST), opts.signal);
      for await (const message of pages) {
        if (!withMediaOnly || hasMedia(message)) yield message;
      }
    },

    async getMessage(sid, opts = {}) {
      return api.getJson(api.url(`/Messages/${messageSid(sid)}.json`), messageSchema, 'the message', { ...opts, retryNotFound: true });
    },

    async listMedia(sid, filters, opts = {}) {
      return mediaPage(mediaListUrl(messageSid(sid), filters), { ...opts, retryNotFound: true });
    },

    async nextMedia(nextPageUri, opts = {}) {
      return mediaPage(api.pageUrl(pageUri(nextPageUri), MEDIA_LIST), opts);
    },

    // Not an async generator itself: wrapping followPages in a second one costs an extra await for every entry.
    iterateMedia(sid, filters, opts = {}) {
      let first: URL | undefined;
      const start = (): URL => (first = mediaListUrl(messageSid(sid), filters));
      // Only the first page may be a message that arrived a moment ago (see retryNotFound).
      const read = (url: URL, signal: AbortSignal, onNextLink: (link: string) => void) =>
        listPage(url, mediaEntries, 'the media of a message', { ...opts, signal, retryNotFound: url === first }, onNextLink);
      return followPages(start, read, (link) => api.pageUrl(link, MEDIA_LIST), opts.signal);
    },

    async getMedia(msg, media, opts = {}) {
      return api.getJson(api.url(`${mediaPath(msg, media)}.json`), mediaSchema, 'the media', opts);
    },

    async getMediaXml(msg, media, opts = {}) {
      const answer = await api.call({ ...opts, method: 'GET', url: api.url(`${mediaPath(msg, media)}.xml`), accept: 'application/xml' });
      return { xml: answer.text, media: parseMediaXml(answer.text) };
    },

    async deleteMedia(msg, media, opts = {}) {
      const answer = await api.call({ ...opts, method: 'DELETE', url: api.url(`${mediaPath(msg, media)}.json`), accept: 'application/json' });
      if (answer.status !== 204 && answer.status !== 200) {
        throw new AppError('protocol', phrase('errors:twilio.deletionStatus', { status: answer.status }), { status: answer.status });
      }
    },

    async openMediaContent(msg, media, opts = {}) {
      return openMediaContent(api, retry, sleep, { messageSid: messageSid(msg), mediaSid: mediaSid(media) }, opts);
    },

    async downloadMedia(msg, media, target, opts = {}) {
      const ids = { messageSid: messageSid(msg), mediaSid: mediaSid(media) };
      return saveMediaContent((signal) => openMediaContent(api, retry, sleep, ids, { signal }), target, opts);
    },

    mediaUrl(msg, media) {
      return api.url(mediaPath(msg, media)).href;
    },
  };
}
