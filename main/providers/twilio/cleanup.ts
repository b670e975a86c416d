// Clean-up: Twilio keeps media until someone deletes it. An admin picks a range of days (the media's date_created,
// GMT, both ends included) and optionally a sender or recipient, sees a dry run, then deletes with a result per
// item. Stopping is always safe: a deletion already sent is allowed to finish so that its outcome is known, none
// is started after the stop, and every item of the plan ends with exactly one result.
import { z } from 'zod';
import { AppError, sayable, toAppError } from '../../common/errors.js';
import { inEnglish, phrase, type Phrase } from '../../common/i18n/phrase.js';
import { issuePhrase } from '../../common/validation-messages.js';
import { hasMedia, type TwilioClient } from './client.js';
import { endOfDayMs, isDay, startOfDayMs, toIsoSecond } from './dates.js';
import { MEDIA_SID, MESSAGE_SID } from './schemas.js';
import type { TwilioCleanupItem } from '../../common/methods/twilio.js';

export { formatCleanupReport, type ReportFormat } from './cleanup-report.js';

/** Messages are narrowed by DateSent up to this long after the range: a message is sent after its media is created. */
const SENT_AFTER_CREATED_SLACK_DAYS = 1;
const DAY_MS = 86_400_000;

export interface CleanupCriteria {
  /** First day, YYYY-MM-DD (GMT), included. */
  dateFrom: string;
  /** Last day, YYYY-MM-DD (GMT), included. */
  dateTo: string;
  /** Only messages from this sender. */
  from?: string | undefined;
  /** Only messages to this recipient. */
  to?: string | undefined;
  /**
   * Read every message instead of those sent in the range (plus a day). Slower, but also finds media of messages
   * that were never sent (no date_sent) or sent long after their media was created (scheduled messages).
   */
  scanAllMessages?: boolean | undefined;
}

export interface PlanOptions extends CleanupCriteria {
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: { messagesScanned: number; mediaFound: number }) => void) | undefined;
  /** Messages whose media are listed at the same time. */
  concurrency?: number | undefined;
}

/** One media the clean-up would delete: the same shape the contract gives the UI. */
export type CleanupItem = TwilioCleanupItem;

export interface CleanupPlan {
  criteria: CleanupCriteria;
  items: CleanupItem[];
  count: number;
  messagesScanned: number;
  plannedAt: string;
}

export type CleanupStatus = 'deleted' | 'gone' | 'failed' | 'skipped';

export interface CleanupResult extends CleanupItem {
  /** deleted; gone (already deleted elsewhere: Twilio answered 404); failed; skipped (the run stopped first). */
  status: CleanupStatus;
  /** In English (the log, the report file). */
  message?: string;
  /** `message` as a phrase, for the window to say in the reader's language. */
  phrase?: Phrase;
  errorCode?: string;
  remoteCode?: number;
  at: string;
}

export interface CleanupRun {
  results: CleanupResult[];
  totals: Record<CleanupStatus, number>;
  /** True when the run ended before trying every item (the signal, or credentials refused). */
  stopped: boolean;
  startedAt: string;
  finishedAt: string;
}

export interface RunOptions {
  signal?: AbortSignal | undefined;
  onItem?: ((result: CleanupResult) => void) | undefined;
  /** Deletions in flight at once. */
  concurrency?: number | undefined;
}

const address = z.string().trim().min(1).max(200).optional();
const criteriaSchema = z
  .object({
    dateFrom: z.string().refine(isDay, 'must be a date written YYYY-MM-DD'),
    dateTo: z.string().refine(isDay, 'must be a date written YYYY-MM-DD'),
    from: address,
    to: address,
    scanAllMessages: z.boolean().optional(),
  })
  .refine((c) => c.dateFrom <= c.dateTo, { message: 'must not be after dateTo', path: ['dateFrom'] });

const itemSchema = z.object({
  messageSid: z.string().regex(MESSAGE_SID),
  mediaSid: z.string().regex(MEDIA_SID),
  contentType: z.string().nullable(),
  dateCreated: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
/** A plan as main keeps it on disk for the run job (read back after a restart: checked again, never trusted). */
export const cleanupPlanSchema = z.object({ criteria: criteriaSchema, items: z.array(itemSchema), count: z.number(), messagesScanned: z.number(), plannedAt: z.string() });
const concurrencySchema = z.number().int().min(1).max(16).optional();

const INVALID = {
  range: 'errors:twilio.invalid.cleanupRange',
  concurrency: 'errors:twilio.invalid.concurrency',
  plan: 'errors:twilio.invalid.cleanupPlan',
} as const;

function checked<T>(schema: z.ZodType<T>, value: unknown, what: keyof typeof INVALID): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  const values = { what: phrase(INVALID[what]), reason: issue ? issuePhrase(issue) : phrase('errors:twilio.isInvalid') };
  throw new AppError('validation', field ? phrase('errors:twilio.invalidInput', { ...values, field }) : phrase('errors:twilio.invalidWhole', values), field ? { field } : undefined);
}

function throwIfStopped(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('cancelled', phrase('errors:twilio.cleanupStopped'));

}

/** The dry run: every media item in the range, found through the API's own filters and checked again here. */
export async function planCleanup(client: TwilioClient, options: PlanOptions): Promise<CleanupPlan> {
  const { signal, onProgress } = options;
  const criteria = checked(criteriaSchema, { dateFrom: options.dateFrom, dateTo: options.dateTo, from: options.from, to: options.to, scanAllMessages: options.scanAllMessages }, 'range');
  const concurrency = checked(concurrencySchema, options.concurrency, 'concurrency') ?? 4;
  const low = startOfDayMs(criteria.dateFrom);
  const high = endOfDayMs(criteria.dateTo);
  const messageFilters = {
    ...(criteria.from !== undefined ? { from: criteria.from } : {}),
    ...(criteria.to !== undefined ? { to: criteria.to } : {}),
    ...(criteria.scanAllMessages ? {} : { dateSentAfter: criteria.dateFrom, dateSentBefore: toIsoSecond(high + SENT_AFTER_CREATED_SLACK_DAYS * DAY_MS) }),
    pageSize: 1000,
  };
  const mediaFilters = { dateCreatedAfter: criteria.dateFrom, dateCreatedBefore: criteria.dateTo, pageSize: 1000 };
  const items: CleanupItem[] = [];
  const seen = new Set<string>();
  let messagesScanned = 0;

  const mediaOf = async (message: { sid: string; from: string | null; to: string | null }): Promise<CleanupItem[]> => {
    const found: CleanupItem[] = [];
    for await (const media of client.iterateMedia(message.sid, mediaFilters, { signal })) {
      const created = media.date_created_iso === null ? NaN : Date.parse(media.date_created_iso);
      // The server's filter is trusted to narrow, not to decide: the range is checked again here.
      if (media.sid === null || media.date_created_iso === null || Number.isNaN(created) || created < low || created > high) continue;
      found.push({ messageSid: message.sid, mediaSid: media.sid, contentType: media.content_type, dateCreated: media.date_created_iso, from: message.from, to: message.to });
    }
    return found;
  };

  let batch: Array<{ sid: string; from: string | null; to: string | null }> = [];
  const flush = async (): Promise<void> => {
    const lists = await Promise.all(batch.map(mediaOf));
    batch = [];
    for (const item of lists.flat()) {
      if (seen.has(item.mediaSid)) continue;
      seen.add(item.mediaSid);
      items.push(item);
    }
    onProgress?.({ messagesScanned, mediaFound: items.length });
  };
  for await (const message of client.iterateMessages(messageFilters, { signal })) {
    throwIfStopped(signal);
    messagesScanned += 1;
    if (message.sid === null || !hasMedia(message)) continue;
    batch.push({ sid: message.sid, from: message.from, to: message.to });
    if (batch.length >= concurrency) await flush();
  }
  await flush();
  throwIfStopped(signal);
  return { criteria, items, count: items.length, messagesScanned, plannedAt: new Date().toISOString() };
}

function resultOf(item: CleanupItem, status: CleanupStatus, error?: AppError, said?: Phrase): CleanupResult {
  const result: CleanupResult = { ...item, status, at: new Date().toISOString() };
  if (error) {
    result.message = error.message;
    if (error.phrase) result.phrase = error.phrase;
    result.errorCode = error.code;
    if (error.details?.remoteCode !== undefined) result.remoteCode = error.details.remoteCode;
  }
  if (said !== undefined) {
    result.message = inEnglish(said);
    result.phrase = said;
  }
  return result;
}

/** Deletes the planned media, reporting one result per item, in plan order. */
export async function runCleanup(client: TwilioClient, planInput: CleanupPlan, options: RunOptions = {}): Promise<CleanupRun> {
  const plan = checked(cleanupPlanSchema, planInput, 'plan');
  const concurrency = checked(concurrencySchema, options.concurrency, 'concurrency') ?? 1;
  const { signal } = options;
  const startedAt = new Date().toISOString();
  const results = new Array<CleanupResult | undefined>(plan.items.length).fill(undefined);
  let next = 0;
  let fatal: Phrase | undefined;

  const record = (index: number, result: CleanupResult): void => {
    results[index] = result;
    try {
      options.onItem?.(result);
    } catch {
      // A failing listener must not cost the record of what was deleted.
    }
  };

  const worker = async (): Promise<void> => {
    while (!signal?.aborted && fatal === undefined && next < plan.items.length) {
      const index = next++;
      const item = plan.items[index] as CleanupItem;
      try {
        await client.deleteMedia(item.messageSid, item.mediaSid, { signal, finishInFlight: true });
        record(index, resultOf(item, 'deleted'));
      } catch (err) {
        const error = toAppError(err);
        if (error.code === 'cancelled') record(index, resultOf(item, 'skipped', undefined, phrase('errors:twilio.cleanupItemStopped')));
        else if (error.code === 'not_found') record(index, resultOf(item, 'gone', error, phrase('errors:twilio.alreadyDeleted', { reason: sayable(error) })));
        else record(index, resultOf(item, 'failed', error));
        if (error.code === 'unauthorized') fatal = phrase('errors:twilio.cleanupItemUnauthorized');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, plan.items.length)) }, worker));

  plan.items.forEach((item, index) => {
    if (results[index] === undefined) record(index, resultOf(item, 'skipped', undefined, fatal ?? phrase('errors:twilio.cleanupItemStopped')));
  });
  const finalResults = results as CleanupResult[];
  const totals: Record<CleanupStatus, number> = { deleted: 0, gone: 0, failed: 0, skipped: 0 };
  for (const r of finalResults) totals[r.status] += 1;
  return { results: finalResults, totals, stopped: totals.skipped > 0, startedAt, finishedAt: new Date().toISOString() };
}
