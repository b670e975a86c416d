// Transfers as the UI sees them: one queue for every account, uploads and downloads alike.
import type { AppErrorData } from './errors.js';

export const TRANSFER_STATES = ['queued', 'checking', 'uploading', 'waiting', 'downloading', 'done', 'failed', 'cancelled'] as const;
/** 'waiting': an upload is all sent and the server is storing or transcoding it before it answers. */
export type TransferState = (typeof TRANSFER_STATES)[number];
export const FINAL_STATES: readonly TransferState[] = ['done', 'failed', 'cancelled'];

export interface TransferItem {
  id: string;
  accountId: string;
  direction: 'upload' | 'download';
  /** The file's name. */
  title: string;
  /** Where it goes or comes from, in words ("to +15551234567", "library/photos"). */
  detail: string;
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
}

export interface TransferResult {
  /** Where an upload can be seen (the generic service's media_url). */
  mediaUrl?: string;
  /** Where a download was saved. */
  savedTo?: string;
  /** How an upload authenticated, when its server asked ("authenticated with Digest (SHA-256); …"). */
  authentication?: string;
  /** Per-recipient results of the media reference send. */
  references?: Array<{ recipient: string; ok: boolean; message?: string }>;
}

export interface TransferSummary {
  /** Items that are queued or running. */
  active: number;
  /** 0..1 over the active items with a known size, null when nothing runs. */
  progress: number | null;
}
