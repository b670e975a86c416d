// The clean-up's dry run as a job in the transfer queue: the messages read so far as its progress, cancel at any
// time, and, when it ends, the plan kept in main (its id in the job's result) for the clean-up screen to show.
import { z } from 'zod';
import { accountIdSchema } from '../../common/accounts.js';
import { phrase } from '../../common/i18n/phrase.js';
import type { TransferResult } from '../../common/transfers.js';
import type { RunContext, TransferQueue } from '../../core/transfers/transfer-queue.js';
import { planCleanup } from '../../providers/twilio/index.js';
import type { TwilioCleanups } from '../twilio-cleanup.js';
import { twilioClientFor } from '../twilio-connection.js';
import { TWILIO_CLEANUP_RUN, twilioCleanupRunRunner } from './twilio-cleanup-run.js';
import type { RunnerContext } from './index.js';

export const TWILIO_CLEANUP_COUNT = 'twilio.cleanupCount';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const twilioCleanupCountParams = z.object({
  accountId: accountIdSchema,
  dateFrom: day,
  dateTo: day,
  from: z.string().max(200).optional(),
  to: z.string().max(200).optional(),
});
export type TwilioCleanupCountParams = z.infer<typeof twilioCleanupCountParams>;

export function twilioCleanupCountRunner({ accounts, log }: RunnerContext, cleanups: TwilioCleanups) {
  return async (ctx: RunContext): Promise<TransferResult> => {
    const p = twilioCleanupCountParams.parse(ctx.params);
    ctx.phase('working');
    ctx.progress(0, null);
    const plan = await planCleanup(twilioClientFor(accounts, p.accountId), {
      dateFrom: p.dateFrom,
      dateTo: p.dateTo,
      from: p.from,
      to: p.to,
      signal: ctx.signal,
      onProgress: ({ messagesScanned }) => ctx.progress(messagesScanned, null),
    });
    ctx.progress(plan.messagesScanned, plan.messagesScanned);
    log.info('twilio', `Clean-up dry run: ${plan.count} media created ${p.dateFrom} to ${p.dateTo} (${plan.messagesScanned} messages read).`, p.accountId);
    const summary = plan.count === 0 ? phrase('shell:transfer.job.cleanupCountedNone') : phrase('shell:transfer.job.cleanupCounted', { count: plan.count });
    return { ref: cleanups.keepPlan(p.accountId, plan).planId, summary };
  };
}

/** Registered where the clean-ups are kept (the Twilio handlers), since the plans and runs live there. */
export function registerTwilioCleanupRunners(queue: TransferQueue, context: RunnerContext, cleanups: TwilioCleanups): void {
  queue.registerRunner(TWILIO_CLEANUP_COUNT, twilioCleanupCountRunner(context, cleanups));
  queue.registerRunner(TWILIO_CLEANUP_RUN, twilioCleanupRunRunner(context, cleanups));
}
