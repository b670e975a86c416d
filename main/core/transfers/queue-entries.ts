// A job in the queue as the queue keeps it: how it enters, what it runs, the files it owns, and how long it stays.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { inEnglish, type Phrase } from '../../common/i18n/phrase.js';
import type { DownloadKind } from '../../common/methods/core.js';
import { FINAL_STATES, type TransferItem } from '../../common/transfers.js';
import type { SpeedMeter } from './speed-meter.js';

/** What a job needs to run again after a restart: plain, serialisable data its runner validates. */
export interface TransferSpec {
  type: string;
  params: unknown;
  /** Files the queue owns (staged copies): deleted when the job leaves the history or succeeds. */
  ownedFiles?: string[];
  /** The user's choice the job writes under, which the user can take back (takeBack). */
  choice?: TransferChoice;
  /**
   * Why the job may not run again: the user took its choice back (a retry ends it failed with this, at once), or
   * the server refused it for good (isFinalRefusal; a retry leaves it as it is).
   */
  refused?: Phrase;
}

/** A folder the user chose for a kind of download and main remembers for it, until the user forgets it. */
export interface TransferChoice {
  kind: DownloadKind;
  /** The folder's real path. */
  dir: string;
}

export interface Entry {
  item: TransferItem;
  spec: TransferSpec;
  controller?: AbortController;
  meter?: SpeedMeter;
}

export interface NewTransfer {
  accountId: string;
  direction: TransferItem['direction'];
  /** A file's name as it is, or a phrase (a job's title) said in the reader's language. */
  title: string | Phrase;
  detail: string | Phrase;
  bytesTotal: number | null;
  recipients?: string[];
  /** A job over many items: its progress counts items, not bytes. */
  unit?: 'items';
}

/** A job as it enters the queue, waiting for its turn. */
export function queuedItem(transfer: NewTransfer): TransferItem {
  return {
    id: `tr_${randomBytes(8).toString('hex')}`,
    accountId: transfer.accountId,
    direction: transfer.direction,
    ...(typeof transfer.title === 'string' ? { title: transfer.title } : { title: inEnglish(transfer.title), titlePhrase: transfer.title }),
    ...(typeof transfer.detail === 'string' ? { detail: transfer.detail } : { detail: inEnglish(transfer.detail), detailPhrase: transfer.detail }),
    state: 'queued',
    bytesDone: 0,
    bytesTotal: transfer.bytesTotal,
    speed: 0,
    eta: null,
    createdAt: new Date().toISOString(),
    ...(transfer.recipients ? { recipients: transfer.recipients } : {}),
    ...(transfer.unit ? { unit: transfer.unit } : {}),
  };
}

/** Drops the oldest finished jobs beyond `max`. */
export async function trimHistory(entries: Map<string, Entry>, max: number): Promise<void> {
  const finished = [...entries.values()].filter((e) => FINAL_STATES.includes(e.item.state));
  for (const entry of finished.slice(0, Math.max(0, finished.length - max))) await dropEntry(entries, entry);
}

/** Its files go first: once an entry is out of the list, nothing it owned is left (a reader may count on it). */
export async function dropEntry(entries: Map<string, Entry>, entry: Entry): Promise<void> {
  await deleteOwnedFiles(entry);
  entries.delete(entry.item.id);
}

export async function deleteOwnedFiles(entry: Entry): Promise<void> {
  for (const file of entry.spec.ownedFiles ?? []) await fs.rm(file, { force: true });
  entry.spec.ownedFiles = [];
}
