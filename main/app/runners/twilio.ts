// The Twilio download runner: one media item into a local folder, through the shared transfer queue. The bytes land
// under a temporary name and are renamed only when complete (the client's downloadMedia does that).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { accountIdSchema } from '../../common/accounts.js';
import { TWILIO_DOWNLOAD_EXISTING } from '../../common/methods/twilio.js';
import type { TransferResult } from '../../common/transfers.js';
import type { JobOfType, RunContext, TransferQueue } from '../../core/transfers/transfer-queue.js';
import { grantedDestination, verifyGrantedFolder } from '../grants.js';
import { twilioClientFor } from '../twilio-connection.js';
import type { RunnerContext } from './index.js';

export const TWILIO_DOWNLOAD = 'twilio.download';

// Read back from transfers.json after a restart: checked again, never trusted.
export const twilioDownloadParams = z.object({
  accountId: accountIdSchema,
  messageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/),
  mediaSid: z.string().regex(/^ME[0-9a-fA-F]{32}$/),
  /** The real path of the granted folder (main resolved the window's grant id when queueing). */
  folder: z.string().min(1).refine((p) => path.isAbsolute(p), 'must be an absolute path'),
  fileName: z
    .string()
    .min(1)
    .max(255)
    .refine((n) => path.basename(n) === n && n !== '.' && n !== '..' && !/[\\/\x00-\x1f]/.test(n), 'must be a bare file name'),
  /** What the user chose for a name already taken; absent: never replace, take "name (1).ext". */
  onExisting: z.enum(TWILIO_DOWNLOAD_EXISTING).optional(),
});
export type TwilioDownloadParams = z.infer<typeof twilioDownloadParams>;

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/** "name.ext", else "name (1).ext", "name (2).ext"…: the first one free when the download starts. */
export async function freeFileName(folder: string, fileName: string): Promise<string> {
  const ext = path.extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  for (let n = 0; n < 1000; n++) {
    const candidate = path.join(folder, n === 0 ? fileName : `${stem} (${n})${ext}`);
    if (!(await exists(candidate))) return candidate;
  }
  throw new Error(`Too many files named like ${fileName} in ${folder}.`);
}

export function twilioDownloadRunner(context: RunnerContext) {
  return async (ctx: RunContext): Promise<TransferResult> => {
    const params = twilioDownloadParams.parse(ctx.params);
    const folder = await verifyGrantedFolder(params.folder);
    ctx.phase('downloading');
    const free = params.onExisting === 'overwrite' ? path.join(folder, params.fileName) : await freeFileName(folder, params.fileName);
    const destination = (await grantedDestination(folder, path.basename(free))).path;
    const client = twilioClientFor(context.accounts, params.accountId);
    const result = await client.downloadMedia(params.messageSid, params.mediaSid, { path: destination }, { signal: ctx.signal, onProgress: (received, total) => ctx.progress(received, total ?? null) });
    return { savedTo: result.path };
  };
}

/**
 * The window's words of a download: the media it named, not the file name (also the job's title), which main made
 * from the message's sender, recipient and date as the server gave them (twilio-file-names.ts).
 */
export function twilioDownloadWindowWords({ item, params }: JobOfType): unknown[] {
  const parsed = twilioDownloadParams.safeParse(params);
  if (!parsed.success) return [item.detail, item.detailPhrase];
  const { fileName: _server, ...given } = parsed.data;
  return [item.detail, item.detailPhrase, given];
}

export function registerTwilioRunners(queue: TransferQueue, context: RunnerContext): void {
  queue.registerRunner(TWILIO_DOWNLOAD, twilioDownloadRunner(context), twilioDownloadWindowWords);
}
