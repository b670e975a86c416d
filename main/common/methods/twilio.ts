// The Twilio message-media viewer: messages, their media (JSON, XML, preview stream), download through the transfer
// queue, deletion, and the clean-up (dry run, run with a result per item, report). Pure code: the renderer imports
// the types from here, main the schemas.
import { z } from 'zod';
import { accountIdSchema } from '../accounts.js';
import type { AppErrorData } from '../errors.js';
import { phrase, type Phrase } from '../i18n/phrase.js';
import { fieldError } from '../validation-messages.js';
import type { TransferItem } from '../transfers.js';
import { folderGrantIdSchema } from '../files.js';
import { method } from './define.js';

// ---- argument schemas ----

export const MESSAGE_SID = /^(SM|MM)[0-9a-fA-F]{32}$/;
const MEDIA_SID = /^ME[0-9a-fA-F]{32}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const messageSid = z.string().regex(MESSAGE_SID, fieldError(phrase('errors:twilio.field.messageSid')));
const mediaSid = z.string().regex(MEDIA_SID, fieldError(phrase('errors:twilio.field.mediaSid')));
const day = z.string().regex(DAY, fieldError(phrase('errors:twilio.field.day')));
const phoneOrAddress = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((s) => !/[\x00-\x1f\x7f]/.test(s), fieldError(phrase('errors:twilio.field.control')));
/** A next_page_uri exactly as Twilio gave it: the client checks it stays on the account's own list. */
const pageUri = z.string().min(1).max(4096);
const pageSize = z.number().int().min(1).max(1000);
const runId = z.string().regex(/^cr_[a-f0-9]{16}$/, fieldError(phrase('errors:twilio.field.runId')));
const planId = z.string().regex(/^cp_[a-f0-9]{16}$/, fieldError(phrase('errors:twilio.field.planId')));

export const TWILIO_DOWNLOAD_EXISTING = ['overwrite', 'keepBoth'] as const;
export type TwilioDownloadExisting = (typeof TWILIO_DOWNLOAD_EXISTING)[number];

const mediaRef = { accountId: accountIdSchema, messageSid, mediaSid };

// ---- results ----

export interface TwilioMessageView {
  sid: string;
  from: string | null;
  to: string | null;
  body: string | null;
  status: string | null;
  direction: string | null;
  /** ISO 8601; null for a message not sent yet. */
  dateSent: string | null;
  dateCreated: string | null;
  /** Twilio sends a string ("3"); null when it did not say. */
  numMedia: number | null;
  /** Twilio's error code for a message that failed or was undelivered (30003…); null otherwise. */
  errorCode: number | null;
  errorMessage: string | null;
}

export interface TwilioPage<T> {
  items: T[];
  /** Pass to the matching "next" method, exactly as given; null on the last page. */
  nextPageUri: string | null;
}

/** Twilio's own fields for a media resource, as its JSON has them (dates in RFC 2822). */
export interface TwilioMediaResource {
  sid: string | null;
  account_sid: string | null;
  parent_sid: string | null;
  content_type: string | null;
  date_created: string | null;
  date_updated: string | null;
  uri: string | null;
}

export type TwilioMediaKind = 'image' | 'video' | 'audio' | 'other';

export interface TwilioMediaView {
  sid: string;
  messageSid: string;
  contentType: string | null;
  kind: TwilioMediaKind;
  /** ISO 8601. */
  dateCreated: string | null;
  /** The name a download is saved under. */
  fileName: string;
  /** The media's address on Twilio's API, to copy: no credentials in it (opening it needs the account's). */
  mediaUrl: string;
  /** The app's own short-lived stream of the bytes (Range passes through), for thumbnails and the preview. */
  previewUrl: string;
  resource: TwilioMediaResource;
}

export interface TwilioCleanupCriteria {
  dateFrom: string;
  dateTo: string;
  from?: string | undefined;
  to?: string | undefined;
}

export interface TwilioCleanupItem {
  messageSid: string;
  mediaSid: string;
  contentType: string | null;
  /** The media's date_created, ISO 8601. */
  dateCreated: string;
  from: string | null;
  to: string | null;
}

export interface TwilioCleanupPlan {
  planId: string;
  criteria: TwilioCleanupCriteria;
  count: number;
  messagesScanned: number;
  items: TwilioCleanupItem[];
  plannedAt: string;
}

export type TwilioCleanupOutcome = 'deleted' | 'gone' | 'failed' | 'skipped';

export interface TwilioCleanupResult extends TwilioCleanupItem {
  status: TwilioCleanupOutcome;
  /** In English (the log, the report file). */
  message?: string;
  /** `message` as a phrase, for the window to say in the reader's language (errorText). */
  phrase?: Phrase;
  errorCode?: string;
  remoteCode?: number;
  at: string;
}

export interface TwilioCleanupStatus {
  runId: string;
  /** The run's job in the transfer queue: its progress, Cancel, its result per item, and Retry once interrupted. */
  jobId: string;
  accountId: string;
  criteria: TwilioCleanupCriteria;
  /** running (or waiting for its turn in the queue); stopping (the job was cancelled, a deletion on the wire is finishing); finished. */
  state: 'running' | 'stopping' | 'finished';
  total: number;
  /** Items with a result so far. */
  done: number;
  totals: Record<TwilioCleanupOutcome, number>;
  /** Results from index `since` of the call on, in the order they came. */
  results: TwilioCleanupResult[];
  /** Index of results[0] in the whole list. */
  from: number;
  /** True once finished without trying every item. */
  stopped: boolean;
  startedAt: string;
  finishedAt?: string;
  /** Media of the plan the user excluded before the run: never deleted, not counted in total. */
  excluded: number;
  /** The file on this computer where every result is written as it happens. */
  journalPath: string;
  /** Why the run ended early, when it was not the user's Stop (rejected credentials…). */
  error?: AppErrorData;
}

// ---- the methods ----

export const twilioMethods = {
  /** The first page of messages, newest first. */
  'twilio.listMessages': method(
    z
      .object({
        accountId: accountIdSchema,
        to: phoneOrAddress.optional(),
        from: phoneOrAddress.optional(),
        /** Sent on or after this GMT day. */
        dateSentAfter: day.optional(),
        /** Sent on or before this GMT day (the whole day counts). */
        dateSentBefore: day.optional(),
        withMediaOnly: z.boolean().optional(),
        pageSize: pageSize.optional(),
      })
      .strict(),
  ).returns<TwilioPage<TwilioMessageView>>(),
  /** The page after one already shown, by the nextPageUri it gave (never Page=N). */
  'twilio.nextMessages': method(z.object({ accountId: accountIdSchema, nextPageUri: pageUri, withMediaOnly: z.boolean().optional() }).strict()).returns<
    TwilioPage<TwilioMessageView>
  >(),
  'twilio.getMessage': method(z.object({ accountId: accountIdSchema, messageSid }).strict()).returns<TwilioMessageView>(),
  /** The media of a message, in the order attached, each with its preview stream. */
  'twilio.listMedia': method(
    z
      .object({ accountId: accountIdSchema, messageSid, dateCreatedAfter: day.optional(), dateCreatedBefore: day.optional(), pageSize: pageSize.optional() })
      .strict(),
  ).returns<TwilioPage<TwilioMediaView>>(),
  'twilio.nextMedia': method(z.object({ accountId: accountIdSchema, nextPageUri: pageUri }).strict()).returns<TwilioPage<TwilioMediaView>>(),
  /** One media resource, read again (the JSON view). */
  'twilio.getMedia': method(z.object(mediaRef).strict()).returns<TwilioMediaView>(),
  /** The same resource as Twilio's XML (the XML view). */
  'twilio.getMediaXml': method(z.object(mediaRef).strict()).returns<{ xml: string }>(),
  /** A fresh preview stream URL (the one a listing gave expires after 30 minutes). */
  'twilio.previewUrl': method(z.object(mediaRef).strict()).returns<{ url: string }>(),
  /**
   * Queues a download of each media into a granted folder, under its fileName (main names it, its extension from the
   * type Twilio gives). Names the user was asked about carry onExisting ("overwrite" only for names files.findExisting
   * reported in that grant, of files the app saved there: main/app/grants.ts); without it a name taken by then gets
   * " (1)" rather than replacing anything.
   */
  'twilio.download': method(
    z
      .object({
        accountId: accountIdSchema,
        grantId: folderGrantIdSchema,
        items: z
          .array(z.object({ messageSid, mediaSid, onExisting: z.enum(TWILIO_DOWNLOAD_EXISTING).optional() }).strict())
          .min(1)
          .max(10_000),
      })
      .strict(),
  ).returns<TransferItem[]>(),
  'twilio.deleteMedia': method(z.object(mediaRef).strict()).returns<void>(),
  /**
   * The dry run, as a job in the transfer queue (messages read so far, cancel): every media item created in the range
   * (GMT days, both included), nothing deleted. The finished job's result.ref is the plan's id for cleanupGetPlan.
   */
  'twilio.cleanupPlan': method(
    z
      .object({ accountId: accountIdSchema, dateFrom: day, dateTo: day, from: phoneOrAddress.optional(), to: phoneOrAddress.optional() })
      .strict()
      .refine((a) => a.dateFrom <= a.dateTo, { ...fieldError(phrase('errors:twilio.field.dayOrder')), path: ['dateFrom'] }),
  ).returns<TransferItem>(),
  /** What a finished count found. */
  'twilio.cleanupGetPlan': method(z.object({ accountId: accountIdSchema, planId }).strict()).returns<TwilioCleanupPlan>(),
  /**
   * Queues the deletion of what a plan found as a job in the transfer queue, except the media the user excluded (main
   * drops them from the plan: nothing the window says about counts can bring them back). Follow the job (jobId) for
   * progress and Cancel, and twilio.cleanupStatus for the results in detail.
   */
  'twilio.cleanupStart': method(z.object({ accountId: accountIdSchema, planId, exclude: z.array(mediaSid).max(100_000).optional() }).strict()).returns<TwilioCleanupStatus>(),
  /** Where a run is, with the results after the first `since` (asked again as its job moves on). */
  'twilio.cleanupStatus': method(z.object({ runId, since: z.number().int().min(0).optional() }).strict()).returns<TwilioCleanupStatus>(),
  /** The account's latest run since the app started, to pick it up again after leaving the screen. */
  'twilio.cleanupLatest': method(z.object({ accountId: accountIdSchema }).strict()).returns<TwilioCleanupStatus | null>(),
  /**
   * Saves the run's report (CSV or JSON), whether it is finished or not, where downloads go (main chooses the folder
   * and a name not taken); answers the file's path.
   */
  'twilio.cleanupReport': method(z.object({ runId, format: z.enum(['csv', 'json']) }).strict()).returns<{ savedTo: string }>(),
} as const;
