// Transfers as the UI sees them: one queue for every account, uploads and downloads alike.
import type { AppErrorData, ErrorCode } from './errors.js';
import type { Phrase } from './i18n/phrase.js';

export const TRANSFER_STATES = ['queued', 'checking', 'uploading', 'waiting', 'downloading', 'working', 'done', 'failed', 'cancelled'] as const;
/**
 * 'waiting': an upload is all sent and the server is storing or transcoding it before it answers.
 * 'working': a job over many items is going through them (n of N in bytesDone / bytesTotal).
 */
export type TransferState = (typeof TRANSFER_STATES)[number];
export const FINAL_STATES: readonly TransferState[] = ['done', 'failed', 'cancelled'];

/** What became of one item of a job over many (an access list on one file, one file deleted). */
export type JobItemOutcome = 'ok' | 'refused' | 'skipped' | 'cancelled';
export interface JobItemResult {
  /** The item in words a user knows: "folder/file", a folder's name, a media SID. */
  name: string;
  outcome: JobItemOutcome;
  /** The server's reason for a refusal, or why it was skipped or not started (English, for the log). */
  message?: string;
  /** `message` as a phrase, for the window to say in the reader's language (errorText). */
  phrase?: Phrase;
  /** The error code behind a refusal (forbidden, not_found…). */
  code?: ErrorCode;
}

export interface TransferItem {
  id: string;
  accountId: string;
  /** 'job': work on the server over many items (an access list applied, files deleted, a clean-up count). */
  direction: 'upload' | 'download' | 'job';
  /** 'items': bytesDone and bytesTotal count the job's items (n of N), speed is items per second. */
  unit?: 'items';
  /** The file's name, or what a job does; in English when `titlePhrase` says it (for the log and support). */
  title: string;
  /** A job's title as a phrase, for the window to say in the reader's language. */
  titlePhrase?: Phrase;
  /** Where it goes or comes from ("Sandbox · to +15551234567"); in English when `detailPhrase` says it. */
  detail: string;
  /** The detail as a phrase, for the window to say in the reader's language. */
  detailPhrase?: Phrase;
  state: TransferState;
  bytesDone: number;
  /** Null when the server did not say how large a download is. */
  bytesTotal: number | null;
  /** Bytes per second over the last few seconds; 0 when idle. */
  speed: number;
  /** Seconds left at the current speed, null when unknown. */
  eta: number | null;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  error?: AppErrorData;
  result?: TransferResult;
  /** Upload recipients, for the account's history. */
  recipients?: string[];
  /**
   * Why it may not run again: the user took back the choice it writes under (forgot the folder it downloads into),
   * or the server refused it for good (isFinalRefusal). Main refuses a retry of it, so the window offers none and
   * says this instead.
   */
  retryRefused?: Phrase;
}

/**
 * How an upload learnt its server's HTTP authentication challenge without sending the body twice: the precheck's
 * challenge reused ('reused'), asked for with `Expect: 100-continue` before the body ('probe'), or taken from the
 * server's first answer ('answer').
 */
export const AUTH_CHALLENGE_SOURCES = ['reused', 'probe', 'answer'] as const;
export type AuthChallengeSource = (typeof AUTH_CHALLENGE_SOURCES)[number];

export interface TransferAuthentication {
  /** The scheme's name as HTTP spells it, never translated: "Digest (SHA-256)", "Basic". */
  scheme: string;
  source: AuthChallengeSource;
}

export interface TransferResult {
  /** Where an upload can be seen (the generic service's media_url). */
  mediaUrl?: string;
  /** Where a download was saved. */
  savedTo?: string;
  /** How an upload authenticated, when its server asked. */
  authentication?: TransferAuthentication;
  /** Per-recipient results of the media reference send. */
  references?: Array<{ recipient: string; ok: boolean; message?: string; phrase?: Phrase }>;
  /** A job's result for each of its items, in the order they were given; a cancelled job keeps it too. */
  items?: JobItemResult[];
  /**
   * How many of what its progress counts a job did, when that is not its items (a folder's files and the folder:
   * its result is per folder). Its row ends at this count.
   */
  counted?: number;
  /** What a job made for the view that started it (a clean-up count's plan id). */
  ref?: string;
  /** What a job found, said in its row when it ends (a clean-up count: how many media it would delete). */
  summary?: Phrase;
}

/** How many items of a job ended each way. */
export function countOutcomes(items: readonly JobItemResult[]): Record<JobItemOutcome, number> {
  const counts: Record<JobItemOutcome, number> = { ok: 0, refused: 0, skipped: 0, cancelled: 0 };
  for (const item of items) counts[item.outcome] += 1;
  return counts;
}

export interface TransferSummary {
  /** Items that are queued or running. */
  active: number;
  /** 0..1 over the active items with a known size, null when nothing runs. */
  progress: number | null;
}

/**
 * Whether main hands a retry of this transfer to its queue: it failed or was cancelled, and the account it ran for
 * still exists (an account removed takes its connection with it). The queue itself refuses one whose choice was
 * taken back, writing why in its row (what a retry from the command line shows).
 */
export function retryReachesQueue(item: Pick<TransferItem, 'state' | 'accountId'>, accountExists: (accountId: string) => boolean): boolean {
  return (item.state === 'failed' || item.state === 'cancelled') && accountExists(item.accountId);
}

/**
 * Whether a failure is final: a retry would send the same request and meet the same refusal. Only 413 (too large):
 * the size is the file's, a copy no setting changes. 400, 415 and 422 stay retryable, as the request they refuse is
 * built at each run from the account's templates, which the user may correct meanwhile; 401, 402, 429 and 5xx are
 * about the account or the moment.
 */
export function isFinalRefusal(error: Pick<AppErrorData, 'details'> | undefined): boolean {
  return error?.details?.status === 413;
}

/** Whether a retry of this transfer can work, which the window offers Retry by: main would run it, not refuse it. */
export function canRetry(item: Pick<TransferItem, 'state' | 'accountId' | 'retryRefused'>, accountExists: (accountId: string) => boolean): boolean {
  return retryReachesQueue(item, accountExists) && item.retryRefused === undefined;
}
