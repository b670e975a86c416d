// The queue as it is saved in transfers.json, and how a saved entry is checked before it is shown or run again.
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { isPhrase, phrase, type Phrase } from '../../common/i18n/phrase.js';
import { DOWNLOAD_KINDS } from '../../common/methods/core.js';
import { AUTH_CHALLENGE_SOURCES, FINAL_STATES, TRANSFER_STATES, type TransferItem } from '../../common/transfers.js';
import { asideName } from '../storage/atomic.js';
import type { Entry, TransferSpec } from './queue-entries.js';

// What a saved entry must have for the UI to show it and the queue to run it again; other fields pass through.
const storedItemSchema = z.looseObject({
  id: z.string().regex(/^tr_[a-f0-9]{16}$/),
  accountId: z.string(),
  direction: z.enum(['upload', 'download', 'job']),
  title: z.string(),
  detail: z.string(),
  // A phrase that is not one is left out: the English words are shown instead.
  titlePhrase: z.custom<Phrase>((value) => isPhrase(value)).optional().catch(undefined),
  detailPhrase: z.custom<Phrase>((value) => isPhrase(value)).optional().catch(undefined),
  state: z.enum(TRANSFER_STATES),
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative().nullable(),
  speed: z.number().catch(0),
  eta: z.number().nullable().catch(null),
  createdAt: z.string(),
  // An older version said how an upload authenticated in English words: left out rather than shown wrong.
  result: z
    .looseObject({
      authentication: z.object({ scheme: z.string().regex(/^(?:Basic|Digest \([A-Za-z0-9-]{1,20}\))$/), source: z.enum(AUTH_CHALLENGE_SOURCES) }).optional().catch(undefined),
      summary: z.custom<Phrase>((value) => isPhrase(value)).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
});
// A choice or a refusal that is not one drops the entry rather than letting it run again where it was refused.
const storedSpecSchema = z.object({
  type: z.string().min(1),
  params: z.unknown(),
  ownedFiles: z.array(z.string()).optional(),
  choice: z.object({ kind: z.enum(DOWNLOAD_KINDS), dir: z.string().min(1) }).optional(),
  refused: z.custom<Phrase>((value) => isPhrase(value)).optional(),
});
const storedEntrySchema = z.object({ item: storedItemSchema, spec: storedSpecSchema });
/** The file's outer shape; its entries are checked one by one (restoreEntries), so one bad entry spoils no other. */
export const storedQueueSchema = z.object({ version: z.literal(1), entries: z.array(z.unknown()) });

/** What is written to the file: each entry's item and spec, nothing of a run in progress. */
export function queueSnapshot(entries: Iterable<Entry>): { version: 1; entries: Pick<Entry, 'item' | 'spec'>[] } {
  return { version: 1 as const, entries: [...entries].map(({ item, spec }) => ({ item, spec })) };
}

/**
 * The saved entries that are transfers, in their order: what was queued or running when the app stopped comes back
 * failed and retryable. `file` is the queue file they were read from, copied aside when some entry is dropped.
 */
export async function restoreEntries(file: string, saved: unknown[]): Promise<{ entries: Entry[]; corruptMovedTo?: string }> {
  const parsedEntries = saved.map((raw) => storedEntrySchema.safeParse(raw));
  let corruptMovedTo: string | undefined;
  if (parsedEntries.some((e) => !e.success)) {
    // Entries that are not transfers are dropped from the list, never shown half-made; the file is kept aside.
    corruptMovedTo = asideName(file);
    await fs.copyFile(file, corruptMovedTo);
  }
  const entries: Entry[] = [];
  for (const parsed of parsedEntries) {
    if (!parsed.success) continue;
    const item = parsed.data.item as TransferItem;
    const spec: TransferSpec = parsed.data.spec;
    // What the window is told follows the checked spec (a file saved before items carried it has it only there).
    if (spec.refused) item.retryRefused = spec.refused;
    else delete item.retryRefused;
    if (!FINAL_STATES.includes(item.state)) {
      item.state = 'failed';
      item.error = interruptedError();
      item.finishedAt = new Date().toISOString();
      item.speed = 0;
      item.eta = null;
    }
    entries.push({ item, spec });
  }
  return corruptMovedTo ? { entries, corruptMovedTo } : { entries };
}

/** What a job that was running when the app closed (or crashed) says: not cancelled by anyone, and retryable. */
export function interruptedError(): NonNullable<TransferItem['error']> {
  return new AppError('cancelled', phrase('errors:queue.interrupted')).toData();
}
