// The clean-up's deletion run as a job in the transfer queue, like the library's jobs over many items: n of N media,
// Cancel (no deletion starts after it; those on the wire finish, so every result is what Twilio did), a result per
// media item, and, when the app stops, an interrupted job that a retry runs again from the plan file it owns (media
// deleted by then are "already gone"). Its detailed results (a media's message, sender, date) stay in main for the
// clean-up screen and the report (twilio-cleanup.ts).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { accountIdSchema } from '../../common/accounts.js';
import { AppError, ERROR_CODES, errorWords, type ErrorCode } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import type { JobItemResult, TransferResult } from '../../common/transfers.js';
import type { RunContext } from '../../core/transfers/transfer-queue.js';
import { cleanupPlanSchema, runCleanup, type CleanupResult } from '../../providers/twilio/index.js';
import { RUN_CONCURRENCY, type PlanFile, type TwilioCleanups } from '../twilio-cleanup.js';
import { twilioClientFor } from '../twilio-connection.js';
import { JobItems } from './job-items.js';
import type { RunnerContext } from './index.js';

export const TWILIO_CLEANUP_RUN = 'twilio.cleanupRun';

// Read back from transfers.json after a restart: checked again, never trusted.
export const twilioCleanupRunParams = z.object({
  accountId: accountIdSchema,
  runId: z.string().regex(/^cr_[0-9a-f]{16}$/),
  planFile: z
    .string()
    .min(1)
    .refine((p) => path.isAbsolute(p), 'must be an absolute path'),
});
export type TwilioCleanupRunParams = z.infer<typeof twilioCleanupRunParams>;

const planFileSchema = z.object({ runId: z.string(), accountId: z.string(), excluded: z.number().int().min(0), plan: cleanupPlanSchema });

/** The plan the job owns; one that is not the job's own (another run's, another account's) is refused. */
export async function readPlanFile(params: TwilioCleanupRunParams): Promise<PlanFile> {
  const text = await fs.readFile(params.planFile, 'utf8').catch(() => {
    throw new AppError('not_found', phrase('errors:twilio.planGone'));
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = planFileSchema.safeParse(json);
  if (!parsed.success || parsed.data.runId !== params.runId || parsed.data.accountId !== params.accountId) throw new AppError('validation', phrase('errors:twilio.invalid.cleanupPlan'));
  return parsed.data;
}

const isErrorCode = (code: string | undefined): code is ErrorCode => (ERROR_CODES as readonly (string | undefined)[]).includes(code);

/** A media's result in the queue's words: deleted is done, already gone is skipped, not tried is not done. */
export function jobItemOf(result: CleanupResult): Omit<JobItemResult, 'name'> {
  const words = result.message !== undefined ? errorWords({ message: result.message, phrase: result.phrase }) : {};
  switch (result.status) {
    case 'deleted':
      return { outcome: 'ok' };
    case 'gone':
      return { outcome: 'skipped', ...words };
    case 'skipped':
      return { outcome: 'cancelled', ...words };
    default: {
      const code = isErrorCode(result.errorCode) ? { code: result.errorCode } : {};
      return { outcome: 'refused', ...words, ...code };
    }
  }
}

export function twilioCleanupRunRunner({ accounts }: RunnerContext, cleanups: TwilioCleanups) {
  return async (ctx: RunContext): Promise<TransferResult> => {
    const p = twilioCleanupRunParams.parse(ctx.params);
    const file = await readPlanFile(p);
    const client = twilioClientFor(accounts, p.accountId);
    await cleanups.begin(file, ctx.item.id);
    const items = new JobItems(ctx, file.plan.items.map((i) => i.mediaSid));
    const index = new Map(file.plan.items.map((item, i) => [item.mediaSid, i]));
    const onAbort = () => cleanups.stopping(p.runId);
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const outcome = await runCleanup(client, file.plan, {
        signal: ctx.signal,
        concurrency: RUN_CONCURRENCY,
        onItem: (result) => {
          cleanups.record(p.runId, result);
          items.record(index.get(result.mediaSid) ?? -1, jobItemOf(result));
        },
      });
      await cleanups.end(p.runId, outcome);
    } catch (err) {
      await cleanups.end(p.runId, null, err);
      throw err;
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
    }
    return { ref: p.runId, items: items.finish() };
  };
}
