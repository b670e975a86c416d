// The Twilio download runner: one media item into a local folder, through the shared transfer queue. The bytes land
// under a temporary name and are renamed only when complete (the client's downloadMedia does that).
import path from 'node:path';
import { z } from 'zod';
import { accountIdSchema } from '../../common/accounts.js';
import { TWILIO_DOWNLOAD_EXISTING } from '../../common/methods/twilio.js';
import type { TransferResult } from '../../common/transfers.js';
import type { JobOfType, RunContext, TransferQueue } from '../../core/transfers/transfer-queue.js';
import { freeLocalPath, grantedDestination, verifyGrantedFolder } from '../grants.js';
import { twilioClientFor } from '../twilio-connection.js';
import type { DownloadRunnerContext } from './index.js';

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

export function twilioDownloadRunner(context: DownloadRunnerContext) {
  return async (ctx: RunContext): Promise<TransferResult> => {
    const params = twilioDownloadParams.parse(ctx.params);
    const folder = await verifyGrantedFolder(params.folder);
    ctx.phase('downloading');
    const free = params.onExisting === 'overwrite' ? path.join(folder, params.fileName) : await freeLocalPath(folder, params.fileName);
    const destination = (await grantedDestination(folder, path.basename(free))).path;
    // Checked again now, not only when queued: a retry, after a restart too, replaces nothing the user put there since.
    if (params.onExisting === 'overwrite') await context.written.assertReplaceable(destination, params.fileName, folder);
    const client = twilioClientFor(context.accounts, params.accountId);
    const result = await client.downloadMedia(params.messageSid, params.mediaSid, { path: destination }, { signal: ctx.signal, onProgress: (received, total) => ctx.progress(received, total ?? null) });
    await context.written.record(result.path);
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

export function registerTwilioRunners(queue: TransferQueue, context: DownloadRunnerContext): void {
  queue.registerRunner(TWILIO_DOWNLOAD, twilioDownloadRunner(context), twilioDownloadWindowWords);
}
