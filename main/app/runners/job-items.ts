// The shared shape of a job over many items: progress as n of N, a few items in flight at once, none started after
// a cancel (those in flight finish, so their result is what the server did), and one result per item, the items
// never reached saying they were cancelled.
import { errorWords, toAppError, wordsOf, type ErrorCode } from '../../common/errors.js';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import type { JobItemResult } from '../../common/transfers.js';
import type { RunContext } from '../../core/transfers/transfer-queue.js';

/** How an item ended when its task did not simply succeed (a throw is a refusal with the server's reason). */
export interface ItemEnd {
  outcome: 'skipped' | 'refused';
  message: string;
  phrase?: Phrase;
  code?: ErrorCode;
}

const NOT_STARTED = phrase('errors:queue.notStarted');

export class JobItems {
  private readonly results: Array<JobItemResult | undefined>;
  private done = 0;
  private countedSoFar = 0;

  /**
   * `counted`: what the progress counts when it is not the items themselves (a folder deleted with its files counts
   * each file and the folder, so that a folder of 40 files does not sit at "0 of 1" while they go); moved on by count().
   */
  constructor(
    private readonly ctx: RunContext,
    private readonly names: readonly string[],
    private readonly counted?: number,
  ) {
    this.results = new Array<JobItemResult | undefined>(names.length);
    ctx.phase('working');
    ctx.progress(0, counted ?? names.length);
  }

  /** One more of what the progress counts was done (with `counted` only). */
  count(): void {
    this.countedSoFar += 1;
    this.ctx.progress(this.countedSoFar, this.counted ?? this.names.length);
  }

  /** How many of what the progress counts were done, for the job's result (progress after a cancel is not heard). */
  get countedDone(): number {
    return this.countedSoFar;
  }

  get cancelled(): boolean {
    return this.ctx.signal.aborted;
  }

  /** Records an item's result (for work done elsewhere, such as applyAclToMany) and moves the progress on. */
  record(index: number, result: Omit<JobItemResult, 'name'>): void {
    const name = this.names[index];
    if (name === undefined || this.results[index]) return;
    this.results[index] = { name, ...result };
    this.done += 1;
    if (this.counted === undefined) this.ctx.progress(this.done, this.names.length);
  }

  /** Runs `task` for each index, at most `concurrency` at once; none starts once the job is cancelled. */
  async run(indexes: readonly number[], concurrency: number, task: (index: number) => Promise<ItemEnd | void>): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < indexes.length && !this.cancelled) {
        const index = indexes[next++] as number;
        try {
          const end = await task(index);
          this.record(index, end ? { outcome: end.outcome, ...errorWords(end), ...(end.code ? { code: end.code } : {}) } : { outcome: 'ok' });
        } catch (err) {
          const error = toAppError(err);
          this.record(index, error.code === 'cancelled' ? { outcome: 'cancelled', ...errorWords(error) } : { outcome: 'refused', ...errorWords(error), code: error.code });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, indexes.length)) }, worker));
  }

  /** Every item's result, in the order given; the items never reached are cancelled. */
  finish(): JobItemResult[] {
    return this.names.map((name, index) => this.results[index] ?? { name, outcome: 'cancelled', ...wordsOf(NOT_STARTED) });
  }
}
