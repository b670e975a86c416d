// Clean-up runs as main keeps them: a plan (the dry run) is kept until it is run, and a run goes on in main whatever
// the window does. Every result is appended to a journal file the moment it is known, so what was deleted is never
// lost: not when the user stops the run, not when the window is closed, not when the app itself stops.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TwilioCleanupPlan, TwilioCleanupResult, TwilioCleanupStatus } from '../common/methods/twilio.js';
import { AppError, errorWords, toAppError, wordsOf, type AppErrorData } from '../common/errors.js';
import { phrase } from '../common/i18n/phrase.js';
import { formatCleanupReport, runCleanup, type CleanupPlan, type CleanupResult, type TwilioClient } from '../providers/twilio/index.js';

/** Plans and finished runs kept in memory; the oldest go first. */
const KEEP = 10;
/** Deletions in flight at once: quick enough, and gentle with Twilio's rate limits. */
export const RUN_CONCURRENCY = 4;

interface StoredPlan {
  accountId: string;
  plan: CleanupPlan;
}

interface Run {
  runId: string;
  accountId: string;
  plan: CleanupPlan;
  excluded: number;
  controller: AbortController;
  results: CleanupResult[];
  state: TwilioCleanupStatus['state'];
  stopped: boolean;
  startedAt: string;
  finishedAt?: string;
  journalPath: string;
  error?: AppErrorData;
  /** Appends to the journal one after another, in the order results came. */
  journal: Promise<void>;
  finished: Promise<void>;
}

export interface CleanupLog {
  info(scope: string, message: string, accountId?: string): void;
  error(scope: string, message: string, accountId?: string): void;
}

function trimOldest<V>(map: Map<string, V>, keep: number, removable: (value: V) => boolean = () => true): void {
  for (const [key, value] of map) {
    if (map.size <= keep) return;
    if (removable(value)) map.delete(key);
  }
}

function describeTotals(totals: TwilioCleanupStatus['totals']): string {
  return `${totals.deleted} deleted, ${totals.gone} already gone, ${totals.failed} failed, ${totals.skipped} not tried`;
}

export class TwilioCleanups {
  private readonly plans = new Map<string, StoredPlan>();
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly journalDir: string,
    private readonly log: CleanupLog,
  ) {}

  keepPlan(accountId: string, plan: CleanupPlan): TwilioCleanupPlan {
    const planId = `cp_${randomBytes(8).toString('hex')}`;
    this.plans.set(planId, { accountId, plan });
    trimOldest(this.plans, KEEP);
    return this.plan(accountId, planId);
  }

  plan(accountId: string, planId: string): TwilioCleanupPlan {
    const stored = this.plans.get(planId);
    if (!stored || stored.accountId !== accountId) throw new AppError('not_found', phrase('errors:twilio.planGone'));
    const { plan } = stored;
    return { planId, criteria: plan.criteria, count: plan.count, messagesScanned: plan.messagesScanned, items: plan.items, plannedAt: plan.plannedAt };
  }

  /**
   * Starts deleting what the plan found, less the excluded media. A plan runs once: counting again is the way to run
   * the same range again.
   */
  async start(accountId: string, planId: string, client: TwilioClient, exclude: readonly string[] = []): Promise<TwilioCleanupStatus> {
    const found = this.plans.get(planId);
    if (!found || found.accountId !== accountId) throw new AppError('not_found', phrase('errors:twilio.planGone'));
    this.plans.delete(planId);
    // The run is built here from the plan main kept: an excluded SID is dropped whatever else the window says.
    const skip = new Set(exclude);
    const items = found.plan.items.filter((item) => !skip.has(item.mediaSid));
    const excluded = found.plan.items.length - items.length;
    const stored: StoredPlan = { accountId, plan: { ...found.plan, items, count: items.length } };
    const runId = `cr_${randomBytes(8).toString('hex')}`;
    await fs.mkdir(this.journalDir, { recursive: true, mode: 0o700 });
    const journalPath = path.join(this.journalDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${runId}.jsonl`);
    // The header line first, synchronously in order, so the journal says what the run was even if it ends at once.
    await fs.writeFile(journalPath, `${JSON.stringify({ runId, accountId, criteria: stored.plan.criteria, count: stored.plan.count, excluded, startedAt: new Date().toISOString() })}\n`, { flag: 'wx', mode: 0o600 });
    const run: Run = {
      runId,
      accountId,
      plan: stored.plan,
      excluded,
      controller: new AbortController(),
      results: [],
      state: 'running',
      stopped: false,
      startedAt: new Date().toISOString(),
      journalPath,
      journal: Promise.resolve(),
      finished: Promise.resolve(),
    };
    this.runs.set(runId, run);
    trimOldest(this.runs, KEEP, (r) => r.state === 'finished');
    const left = excluded > 0 ? ` (${excluded} excluded, left alone)` : '';
    this.log.info('twilio', `Clean-up started: deleting ${stored.plan.count} media created ${stored.plan.criteria.dateFrom} to ${stored.plan.criteria.dateTo}${left}.`, accountId);
    run.finished = this.execute(run, client);
    return this.status(runId, 0);
  }

  private async execute(run: Run, client: TwilioClient): Promise<void> {
    const onItem = (result: CleanupResult): void => {
      run.results.push(result);
      const line = `${JSON.stringify(result)}\n`;
      run.journal = run.journal.then(() => fs.appendFile(run.journalPath, line)).catch((err: unknown) => {
        this.log.error('twilio', `Could not write the clean-up journal ${run.journalPath}: ${toAppError(err).message}`, run.accountId);
      });
    };
    try {
      const outcome = await runCleanup(client, run.plan, { signal: run.controller.signal, onItem, concurrency: RUN_CONCURRENCY });
      run.stopped = outcome.stopped;
      const unauthorized = outcome.results.find((r) => r.errorCode === 'unauthorized');
      if (unauthorized && !run.controller.signal.aborted) run.error = {
          code: 'unauthorized',
          ...(unauthorized.message ? errorWords({ message: unauthorized.message, phrase: unauthorized.phrase }) : wordsOf(phrase('errors:twilio.status401'))),
        };
    } catch (err) {
      // Only a malformed plan gets here (runCleanup reports every item otherwise); every item is then untried.
      run.error = toAppError(err).toData();
      run.stopped = true;
    }
    await run.journal;
    run.finishedAt = new Date().toISOString();
    run.state = 'finished';
    const totals = this.totals(run);
    const how = run.stopped ? (run.error ? `stopped (${run.error.message})` : 'stopped') : 'finished';
    this.log.info('twilio', `Clean-up ${how}: ${describeTotals(totals)}. Journal: ${run.journalPath}`, run.accountId);
  }

  private totals(run: Run): TwilioCleanupStatus['totals'] {
    const totals = { deleted: 0, gone: 0, failed: 0, skipped: 0 };
    for (const r of run.results) totals[r.status] += 1;
    return totals;
  }

  private get(runId: string): Run {
    const run = this.runs.get(runId);
    if (!run) throw new AppError('not_found', phrase('errors:twilio.runGone'));
    return run;
  }

  status(runId: string, since = 0): TwilioCleanupStatus {
    const run = this.get(runId);
    const from = Math.min(since, run.results.length);
    const status: TwilioCleanupStatus = {
      runId,
      accountId: run.accountId,
      criteria: run.plan.criteria,
      state: run.state,
      total: run.plan.count,
      done: run.results.length,
      totals: this.totals(run),
      results: run.results.slice(from).map((r): TwilioCleanupResult => ({ ...r })),
      from,
      stopped: run.state === 'finished' && run.stopped,
      excluded: run.excluded,
      startedAt: run.startedAt,
      journalPath: run.journalPath,
    };
    if (run.finishedAt) status.finishedAt = run.finishedAt;
    if (run.error) status.error = run.error;
    return status;
  }

  latest(accountId: string): TwilioCleanupStatus | null {
    const mine = [...this.runs.values()].filter((r) => r.accountId === accountId);
    const last = mine[mine.length - 1];
    return last ? this.status(last.runId, 0) : null;
  }

  stop(runId: string): TwilioCleanupStatus {
    const run = this.get(runId);
    if (run.state === 'running') {
      run.state = 'stopping';
      run.controller.abort();
      this.log.info('twilio', 'Clean-up stop asked: the deletion under way finishes, no other starts.', run.accountId);
    }
    return this.status(runId, 0);
  }

  /** Waits for a run to end (tests; closing the app). */
  async settled(runId: string): Promise<TwilioCleanupStatus> {
    await this.get(runId).finished;
    return this.status(runId, 0);
  }

  report(runId: string, format: 'csv' | 'json'): { fileName: string; text: string } {
    const run = this.get(runId);
    const { criteria } = run.plan;
    const text =
      run.state === 'finished' && run.finishedAt
        ? formatCleanupReport({ results: run.results, totals: this.totals(run), stopped: run.stopped, startedAt: run.startedAt, finishedAt: run.finishedAt }, format, criteria)
        : formatCleanupReport([...run.results], format, criteria);
    return { fileName: `twilio-cleanup-${criteria.dateFrom}-to-${criteria.dateTo}.${format}`, text };
  }
}
