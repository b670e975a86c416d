// Clean-up runs as main keeps them: a plan (the dry run) is kept until it is run; the run itself is a job in the
// transfer queue (twilio-cleanup-run.ts), and here are its detailed results, for the clean-up screen's list and the
// report. The items to delete are written to a file the job owns, so that a run the app's stop interrupted can be
// retried after a restart. Every result is appended to a journal file the moment it is known, so what was deleted
// is never lost: not when the user cancels the job, not when the window is closed, not when the app itself stops.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TwilioCleanupPlan, TwilioCleanupResult, TwilioCleanupStatus } from '../common/methods/twilio.js';
import { AppError, errorWords, toAppError, wordsOf, type AppErrorData } from '../common/errors.js';
import { phrase } from '../common/i18n/phrase.js';
import { formatCleanupReport, type CleanupPlan, type CleanupResult, type CleanupRun } from '../providers/twilio/index.js';

/** Plans and finished runs kept in memory; the oldest go first. */
const KEEP = 10;
/** Deletions in flight at once: quick enough, and gentle with Twilio's rate limits. */
export const RUN_CONCURRENCY = 4;

interface StoredPlan {
  accountId: string;
  plan: CleanupPlan;
}

/** What the run job reads from the file it owns: the plan less what the user left out. */
export interface PlanFile {
  runId: string;
  accountId: string;
  excluded: number;
  plan: CleanupPlan;
}

interface Run {
  runId: string;
  jobId: string;
  accountId: string;
  plan: CleanupPlan;
  excluded: number;
  results: CleanupResult[];
  state: TwilioCleanupStatus['state'];
  stopped: boolean;
  startedAt: string;
  finishedAt?: string;
  journalPath: string;
  error?: AppErrorData;
  /** Appends to the journal one after another, in the order results came. */
  journal: Promise<void>;
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
   * Takes a plan for running, less the excluded media, and writes it to the file the run job owns. A plan runs once:
   * counting again is the way to run the same range again.
   */
  async take(accountId: string, planId: string, exclude: readonly string[] = []): Promise<{ runId: string; planFile: string; plan: CleanupPlan; excluded: number }> {
    const found = this.plans.get(planId);
    if (!found || found.accountId !== accountId) throw new AppError('not_found', phrase('errors:twilio.planGone'));
    this.plans.delete(planId);
    // The run is built here from the plan main kept: an excluded SID is dropped whatever else the window says.
    const skip = new Set(exclude);
    const items = found.plan.items.filter((item) => !skip.has(item.mediaSid));
    const excluded = found.plan.items.length - items.length;
    const plan: CleanupPlan = { ...found.plan, items, count: items.length };
    const runId = `cr_${randomBytes(8).toString('hex')}`;
    await fs.mkdir(this.journalDir, { recursive: true, mode: 0o700 });
    const planFile = path.join(this.journalDir, `${runId}.plan.json`);
    const content: PlanFile = { runId, accountId, excluded, plan };
    await fs.writeFile(planFile, JSON.stringify(content), { flag: 'wx', mode: 0o600 });
    return { runId, planFile, plan, excluded };
  }

  /** The run as the screen sees it while its job waits for its turn: nothing done yet. */
  queued(file: PlanFile, jobId: string): void {
    this.runs.set(file.runId, { ...this.fresh(file, jobId), journalPath: '' });
    trimOldest(this.runs, KEEP, (r) => r.state === 'finished');
  }

  /** The job starts (again, after a retry): a new journal, no results yet. */
  async begin(file: PlanFile, jobId: string): Promise<void> {
    await fs.mkdir(this.journalDir, { recursive: true, mode: 0o700 });
    const run = this.fresh(file, jobId);
    run.journalPath = path.join(this.journalDir, `${run.startedAt.replace(/[:.]/g, '-')}-${file.runId}.jsonl`);
    // The header line first, so the journal says what the run was even if it ends at once.
    await fs.writeFile(run.journalPath, `${JSON.stringify({ runId: file.runId, accountId: file.accountId, criteria: file.plan.criteria, count: file.plan.count, excluded: file.excluded, startedAt: run.startedAt })}\n`, { flag: 'wx', mode: 0o600 });
    this.runs.set(file.runId, run);
    trimOldest(this.runs, KEEP, (r) => r.state === 'finished');
    const left = file.excluded > 0 ? ` (${file.excluded} excluded, left alone)` : '';
    this.log.info('twilio', `Clean-up started: deleting ${file.plan.count} media created ${file.plan.criteria.dateFrom} to ${file.plan.criteria.dateTo}${left}.`, file.accountId);
  }

  private fresh(file: PlanFile, jobId: string): Run {
    return { runId: file.runId, jobId, accountId: file.accountId, plan: file.plan, excluded: file.excluded, results: [], state: 'running', stopped: false, startedAt: new Date().toISOString(), journalPath: '', journal: Promise.resolve() };
  }

  /** One item's result, kept and journaled at once. */
  record(runId: string, result: CleanupResult): void {
    const run = this.get(runId);
    run.results.push(result);
    const line = `${JSON.stringify(result)}\n`;
    run.journal = run.journal.then(() => fs.appendFile(run.journalPath, line)).catch((err: unknown) => {
      this.log.error('twilio', `Could not write the clean-up journal ${run.journalPath}: ${toAppError(err).message}`, run.accountId);
    });
  }

  /** The user cancelled the job: the deletions on the wire finish, no other starts. */
  stopping(runId: string): void {
    const run = this.runs.get(runId);
    if (run?.state === 'running') run.state = 'stopping';
  }

  /** The job's run ended (`outcome` null: the plan itself was refused, and no item was tried). */
  async end(runId: string, outcome: CleanupRun | null, failure?: unknown): Promise<void> {
    const run = this.get(runId);
    if (outcome) {
      run.stopped = outcome.stopped;
      const unauthorized = outcome.results.find((r) => r.errorCode === 'unauthorized');
      if (unauthorized) run.error = { code: 'unauthorized', ...(unauthorized.message ? errorWords({ message: unauthorized.message, phrase: unauthorized.phrase }) : wordsOf(phrase('errors:twilio.status401'))) };
    } else {
      run.error = toAppError(failure).toData();
      run.stopped = true;
    }
    await run.journal;
    run.finishedAt = new Date().toISOString();
    run.state = 'finished';
    const how = run.stopped ? (run.error ? `stopped (${run.error.message})` : 'stopped') : 'finished';
    this.log.info('twilio', `Clean-up ${how}: ${describeTotals(this.totals(run))}. Journal: ${run.journalPath}`, run.accountId);
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
      jobId: run.jobId,
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

  /** The report's name and text (CSV or JSON), whether the run is finished or not. */
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
