// `twilio cleanup`: the media clean-up admins script (storage, privacy): a dry run unless --yes, then deletion with
// a line per item, a report file if asked, and an exit code that says whether everything went.
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../core/storage/atomic.js';
import { isDay } from '../../providers/twilio/dates.js';
import { formatCleanupReport, planCleanup, runCleanup } from '../../providers/twilio/index.js';
import { issue, parseWith } from '../argv.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printable, table } from '../format.js';
import { argsOf } from './shared.js';
import { twilioClient } from './twilio-shared.js';

const day = (name: string) => z.string({ error: issue('cli:twilio.cleanup.needsDay', { option: `--${name}` }) }).refine(isDay, issue('cli:twilio.badDay', { option: `--${name}` }));

const cleanupSchema = z.object({
  positionals: z.array(z.string()).max(0, issue('cli:twilio.cleanup.noArguments')),
  after: day('after'),
  before: day('before'),
  from: z.string().min(1, issue('cli:twilio.needsAddress', { option: '--from' })).optional(),
  to: z.string().min(1, issue('cli:twilio.needsAddress', { option: '--to' })).optional(),
  yes: z.boolean().default(false),
  report: z.string().min(1, issue('cli:twilio.cleanup.reportEmpty')).optional(),
});

export const twilioCleanup = defineCommand({
  words: ['twilio', 'cleanup'],
  summary: 'cli:twilio.cleanup.summary',
  usage: '[--account NAME] --after DAY --before DAY [--from X] [--to Y] [--yes] [--report FILE]',
  description: 'cli:twilio.cleanup.description',
  account: 'twilio',
  options: {
    after: { type: 'string', value: 'DAY', help: 'cli:twilio.cleanup.option.after' },
    before: { type: 'string', value: 'DAY', help: 'cli:twilio.cleanup.option.before' },
    from: { type: 'string', value: 'X', help: 'cli:twilio.cleanup.option.from' },
    to: { type: 'string', value: 'Y', help: 'cli:twilio.cleanup.option.to' },
    yes: { type: 'boolean', help: 'cli:twilio.cleanup.option.yes' },
    report: { type: 'string', value: 'FILE', help: 'cli:twilio.cleanup.option.report' },
  },
  parse: (line) => parseWith(cleanupSchema, argsOf(line)),
  async run(ctx, args) {
    const client = await twilioClient(ctx);
    const plan = await planCleanup(client, { dateFrom: args.after, dateTo: args.before, from: args.from, to: args.to, signal: ctx.signal });
    if (!args.yes) {
      const rows = plan.items.map((item) => [item.mediaSid, printable(item.contentType ?? ''), item.dateCreated, item.messageSid]);
      for (const line of table(ctx.words, ['cli:column.mediaSid', 'cli:column.type', 'cli:column.created', 'cli:column.messageSid'], rows)) ctx.out.line(line);
      ctx.out.warn(ctx.words.say('cli:twilio.cleanup.dryRun', { count: plan.count }));
      return { json: { dryRun: true, count: plan.count, items: plan.items } };
    }
    const run = await runCleanup(client, plan, {
      signal: ctx.signal,
      onItem: (result) => {
        if (result.status === 'deleted' || result.status === 'gone') ctx.out.line(ctx.words.say(result.status === 'gone' ? 'cli:twilio.alreadyGone' : 'cli:twilio.deleted', { sid: result.mediaSid }));
        else if (result.status === 'failed') ctx.out.warn(ctx.words.say('cli:item.failed', { item: result.mediaSid, message: result.message !== undefined ? ctx.words.sayError({ ...result, message: result.message }) : ctx.words.say('cli:twilio.notDeleted') }));
      },
    });
    if (args.report !== undefined) {
      const file = ctx.resolvePath(args.report);
      const format = path.extname(file).toLowerCase() === '.json' ? 'json' : 'csv';
      await writeFileAtomic(file, formatCleanupReport(run, format, plan.criteria), { mode: 0o644 });
      ctx.out.warn(ctx.words.say('cli:twilio.cleanup.reportWritten', { file }));
    }
    const { deleted, gone, failed, skipped } = run.totals;
    const totals = { deleted: deleted + gone, failed, skipped };
    ctx.out.warn(ctx.words.say(skipped > 0 ? 'cli:twilio.cleanup.totalsStopped' : 'cli:twilio.cleanup.totals', totals));
    const exit = run.stopped && ctx.signal.aborted ? EXIT.cancelled : failed > 0 || (run.stopped && skipped > 0) ? EXIT.remote : undefined;
    return { json: { dryRun: false, totals: run.totals, stopped: run.stopped, results: run.results }, ...(exit !== undefined ? { exit } : {}) };
  },
});
