// `twilio cleanup`: the media clean-up admins script (storage, privacy): a dry run unless --yes, then deletion with
// a line per item, a report file if asked, and an exit code that says whether everything went.
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../core/storage/atomic.js';
import { isDay } from '../../providers/twilio/dates.js';
import { formatCleanupReport, planCleanup, runCleanup } from '../../providers/twilio/index.js';
import { parseWith } from '../argv.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printable, table } from '../format.js';
import { argsOf } from './shared.js';
import { twilioClient } from './twilio-shared.js';

const day = (name: string) => z.string().refine(isDay, `--${name} must be a GMT day written YYYY-MM-DD.`);

const cleanupSchema = z.object({
  positionals: z.array(z.string()).max(0, '"twilio cleanup" takes no arguments; choose the days with --after and --before.'),
  after: day('after'),
  before: day('before'),
  from: z.string().min(1, '--from needs a number or address.').optional(),
  to: z.string().min(1, '--to needs a number or address.').optional(),
  yes: z.boolean().default(false),
  report: z.string().min(1, '--report needs a file name.').optional(),
});

export const twilioCleanup = defineCommand({
  words: ['twilio', 'cleanup'],
  summary: 'Delete the media added between two days (a dry run unless --yes)',
  usage: '[--account NAME] --after DAY --before DAY [--from X] [--to Y] [--yes] [--report FILE]',
  description: [
    'Finds the media created from --after to --before (GMT days, both included), optionally only of messages',
    'from X or to Y. Without --yes it only counts and lists them. With --yes it deletes them, one line per media;',
    'Ctrl-C stops after the deletions already sent, and the report still says exactly what was deleted.',
    '--report FILE writes the results as CSV, or JSON when FILE ends in .json.',
    'JSON: {"dryRun", "count", "items"} or {"dryRun": false, "totals", "stopped", "results"}.',
    'Exits 3 when any media could not be deleted.',
  ],
  account: 'twilio',
  options: {
    after: { type: 'string', value: 'DAY', help: 'first day (YYYY-MM-DD, GMT) of media to delete' },
    before: { type: 'string', value: 'DAY', help: 'last day (YYYY-MM-DD, GMT) of media to delete' },
    from: { type: 'string', value: 'X', help: 'only media of messages from this number or address' },
    to: { type: 'string', value: 'Y', help: 'only media of messages to this number or address' },
    yes: { type: 'boolean', help: 'delete them (without it, a dry run)' },
    report: { type: 'string', value: 'FILE', help: 'write the results to FILE (CSV, or JSON for .json)' },
  },
  parse: (line) => parseWith(cleanupSchema, argsOf(line)),
  async run(ctx, args) {
    const client = await twilioClient(ctx);
    const plan = await planCleanup(client, { dateFrom: args.after, dateTo: args.before, from: args.from, to: args.to, signal: ctx.signal });
    if (!args.yes) {
      const rows = plan.items.map((item) => [item.mediaSid, printable(item.contentType ?? ''), item.dateCreated, item.messageSid]);
      for (const line of table(['MEDIA SID', 'TYPE', 'CREATED', 'MESSAGE SID'], rows)) ctx.out.line(line);
      ctx.out.warn(`${plan.count} media would be deleted (dry run: add --yes to delete them).`);
      return { json: { dryRun: true, count: plan.count, items: plan.items } };
    }
    const run = await runCleanup(client, plan, {
      signal: ctx.signal,
      onItem: (result) => {
        if (result.status === 'deleted' || result.status === 'gone') ctx.out.line(`Deleted ${result.mediaSid}${result.status === 'gone' ? ' (already gone)' : ''}.`);
        else if (result.status === 'failed') ctx.out.warn(`${result.mediaSid}: ${result.message ?? 'not deleted'}`);
      },
    });
    if (args.report !== undefined) {
      const file = ctx.resolvePath(args.report);
      const format = path.extname(file).toLowerCase() === '.json' ? 'json' : 'csv';
      await writeFileAtomic(file, formatCleanupReport(run, format, plan.criteria), { mode: 0o644 });
      ctx.out.warn(`Report written to ${file}.`);
    }
    const { deleted, gone, failed, skipped } = run.totals;
    ctx.out.warn(`${deleted + gone} deleted, ${failed} failed${skipped > 0 ? `, ${skipped} not tried (stopped)` : ''}.`);
    const exit = run.stopped && ctx.signal.aborted ? EXIT.cancelled : failed > 0 || (run.stopped && skipped > 0) ? EXIT.remote : undefined;
    return { json: { dryRun: false, totals: run.totals, stopped: run.stopped, results: run.results }, ...(exit !== undefined ? { exit } : {}) };
  },
});
