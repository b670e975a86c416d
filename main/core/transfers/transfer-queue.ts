// One transfer queue for every account. Jobs run through runners registered per job type, a few at a time;
// cancel aborts the request at once; only failed or cancelled jobs can be retried; the queue is saved atomically
// so a restart brings interrupted jobs back as failed and retryable; the history is bounded.
import path from 'node:path';
import { AppError, redactPhrase, redactWords, toAppError } from '../../common/errors.js';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import { countOutcomes, FINAL_STATES, isFinalRefusal, type JobItemResult, type TransferItem, type TransferResult, type TransferState, type TransferSummary } from '../../common/transfers.js';
import { readJsonFile } from '../storage/atomic.js';
import { ChangeFeed, summarize, type QueueListener } from './change-feed.js';
import { CountedMap, JobWords, type JobOfType, type WindowWordsOf } from './job-words.js';
import { deleteOwnedFiles, dropEntry, queuedItem, trimHistory, type Entry, type NewTransfer, type TransferChoice, type TransferSpec } from './queue-entries.js';
import { QueueSaver, type QueueSaveOptions } from './queue-saver.js';
import { SpeedMeter } from './speed-meter.js';
import { interruptedError, queueSnapshot, restoreEntries, storedQueueSchema } from './stored-queue.js';

/** A job's items that were tried, whatever came of them: all but those a cancel kept from starting. */
const itemsDone = (items: readonly JobItemResult[]): number => items.length - countOutcomes(items).cancelled;

/** The abort reason of the runs `stop()` ends: told apart from a user's cancel, so they are saved as interrupted. */
const SHUTDOWN = Symbol('queue shutdown');

// Importers (the runners, grants, tests) name these from here, as before they moved beside this file.
export type { JobOfType, NewTransfer, QueueListener, TransferChoice, TransferSpec, WindowWordsOf };

export interface RunContext {
  item: Readonly<TransferItem>;
  params: unknown;
  signal: AbortSignal;
  /** Moves the job into a running phase ('checking', 'uploading', 'waiting', 'downloading', 'working'). */
  phase(state: Extract<TransferState, 'checking' | 'uploading' | 'waiting' | 'downloading' | 'working'>): void;
  progress(bytesDone: number, bytesTotal?: number | null): void;
}

export type TransferRunner = (context: RunContext) => Promise<TransferResult>;

export interface TransferQueueOptions extends QueueSaveOptions {
  dataDir: string;
  concurrency: number;
  /** Finished jobs kept; the oldest go first. */
  maxHistory?: number;
  /** How often byte progress reaches listeners, at most. */
  progressIntervalMs?: number;
  /**
   * Applied to every message a job ends with (its error, its reference sends) before the queue keeps, saves or
   * shows it: a server may quote a password back in its error.
   */
  redact?: (text: string) => string;
}

export class TransferQueue {
  private readonly entries = new CountedMap<string, Entry>();
  private readonly words = new JobWords(this.entries);
  private readonly runners = new Map<string, TransferRunner>();
  private readonly batchListeners = new Set<(finished: TransferItem[]) => void>();
  /** Runs in progress, so that stop() can wait for each to record how it ended. */
  private readonly runs = new Set<Promise<void>>();
  private readonly file: string;
  private readonly feed: ChangeFeed;
  private readonly saver: QueueSaver;
  private concurrency: number;
  /** Jobs finished since the queue was last idle, for the end-of-batch notification. */
  private batch: TransferItem[] = [];

  constructor(private readonly options: TransferQueueOptions) {
    this.file = path.join(options.dataDir, 'transfers.json');
    this.concurrency = options.concurrency;
    this.feed = new ChangeFeed(this.entries, options);
    this.saver = new QueueSaver(this.file, () => queueSnapshot(this.entries.values()), options);
  }

  /** `windowWords`: what of a job of this type the window gave, when not all it is called and given (job-words.ts). */
  registerRunner(type: string, runner: TransferRunner, windowWords?: WindowWordsOf): void {
    this.runners.set(type, runner);
    if (windowWords) this.words.register(type, windowWords);
  }

  onChange(listener: QueueListener): () => void {
    return this.feed.onChange(listener);
  }

  /** Called when the last running job of a batch ends, with every job that finished in it. */
  onBatchEnd(listener: (finished: TransferItem[]) => void): () => void {
    this.batchListeners.add(listener);
    return () => this.batchListeners.delete(listener);
  }

  /** Reads the saved queue: what was queued or running when the app stopped comes back failed and retryable. */
  async load(): Promise<{ corruptMovedTo?: string }> {
    const read = await readJsonFile(this.file, storedQueueSchema);
    if (read.status === 'corrupt') return { corruptMovedTo: read.movedTo };
    if (read.status !== 'ok') return {};
    const { entries, corruptMovedTo } = await restoreEntries(this.file, read.value.entries);
    for (const entry of entries) this.entries.set(entry.item.id, entry);
    await this.saver.saveOrRetry();
    return corruptMovedTo ? { corruptMovedTo } : {};
  }

  /** Every file a job in the list owns (staged copies kept for a retry). */
  ownedFiles(): string[] {
    return [...this.entries.values()].flatMap((e) => e.spec.ownedFiles ?? []);
  }

  list(): TransferItem[] {
    return [...this.entries.values()].map((e) => ({ ...e.item }));
  }

  /** The window's words of every job, which the redactor must know after a restart too; the same array until they change. */
  jobWords(): unknown[] {
    return this.words.words();
  }

  get(id: string): TransferItem | undefined {
    const entry = this.entries.get(id);
    return entry ? { ...entry.item } : undefined;
  }

  summary(): TransferSummary {
    return summarize(this.entries.values());
  }

  setConcurrency(n: number): void {
    this.concurrency = n;
    this.pump();
  }

  enqueue(spec: TransferSpec, transfer: NewTransfer): TransferItem {
    if (!this.runners.has(spec.type)) throw new AppError('internal', phrase('errors:queue.noRunner', { type: spec.type }));
    const item = queuedItem(transfer);
    this.entries.set(item.id, { item, spec });
    this.changed(item.id, true);
    this.pump();
    return { ...item };
  }

  /** Stops a job now: a running request is aborted, a queued one never starts. */
  async cancel(id: string): Promise<void> {
    const entry = this.require(id);
    if (FINAL_STATES.includes(entry.item.state)) return;
    if (entry.controller) {
      entry.controller.abort();
      return; // the run settles the state
    }
    await this.finish(entry, 'cancelled', { error: { code: 'cancelled', message: 'Cancelled.' } });
  }

  /**
   * Queues failed and cancelled jobs again (all of them, or the given ones); done jobs are left alone. A job whose
   * choice was taken back is not queued: it stays failed, saying why.
   */
  retry(ids?: string[]): TransferItem[] {
    const targets = ids ? ids.map((id) => this.require(id)) : [...this.entries.values()];
    const retried: TransferItem[] = [];
    for (const entry of targets) {
      if (entry.item.state !== 'failed' && entry.item.state !== 'cancelled') continue;
      if (entry.spec.refused) {
        // A final refusal keeps the server's own reason; a choice taken back is said as the reason now.
        if (isFinalRefusal(entry.item.error)) continue;
        entry.item = { ...entry.item, state: 'failed', error: new AppError('forbidden', entry.spec.refused).toData(), finishedAt: new Date().toISOString() };
        this.changed(entry.item.id, true);
        continue;
      }
      const { error: _error, finishedAt: _finished, startedAt: _started, result: _result, ...rest } = entry.item;
      entry.item = { ...rest, state: 'queued', bytesDone: 0, speed: 0, eta: null };
      this.changed(entry.item.id, true);
      retried.push({ ...entry.item });
    }
    this.pump();
    return retried;
  }

  /**
   * The user took a choice back (forgot the folder remembered for a kind of download): no job made under it runs
   * again, even after a restart, so this is saved now. A job running now finishes as it would; one that then fails,
   * or one failed already, is refused on retry with `reason`; one still waiting fails with it when its turn comes.
   */
  async takeBack(choice: TransferChoice, reason: Phrase): Promise<void> {
    let marked = false;
    for (const entry of this.entries.values()) {
      if (entry.spec.choice?.kind !== choice.kind || entry.spec.choice.dir !== choice.dir) continue;
      entry.spec.refused = reason;
      // The window learns it with the item: it offers no Retry then, and says why.
      entry.item = { ...entry.item, retryRefused: reason };
      this.changed(entry.item.id, true);
      marked = true;
    }
    if (marked) await this.saver.saveOrRetry();
  }

  /** Drops finished jobs from the history (all, or the given ones). */
  async clearFinished(ids?: string[]): Promise<void> {
    for (const entry of [...this.entries.values()]) {
      if (!FINAL_STATES.includes(entry.item.state)) continue;
      if (ids && !ids.includes(entry.item.id)) continue;
      await dropEntry(this.entries, entry);
    }
    this.feed.emit([]);
    this.saver.schedule();
    await this.flush();
  }

  /** Waits for pending writes (tests, shutdown). */
  async flush(): Promise<void> {
    this.feed.flush();
    await this.saver.flush();
  }

  /** Aborts everything running (app shutdown); they are saved as interrupted, as after a crash, not as cancelled. */
  async stop(): Promise<void> {
    this.saver.stop();
    for (const entry of this.entries.values()) entry.controller?.abort(SHUTDOWN);
    await Promise.allSettled([...this.runs]);
    await this.flush();
  }

  private require(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new AppError('not_found', phrase('errors:queue.gone'));
    return entry;
  }

  private running(): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.controller) n++;
    return n;
  }

  private pump(): void {
    for (const entry of this.entries.values()) {
      if (this.running() >= this.concurrency) return;
      if (entry.item.state === 'queued' && !entry.controller) {
        const run = this.run(entry);
        this.runs.add(run);
        void run.finally(() => this.runs.delete(run));
      }
    }
  }

  private async run(entry: Entry): Promise<void> {
    const runner = this.runners.get(entry.spec.type);
    const controller = new AbortController();
    entry.controller = controller;
    entry.meter = new SpeedMeter();
    entry.item.startedAt = new Date().toISOString();
    entry.item.state = 'checking';
    this.changed(entry.item.id, true);
    const context: RunContext = {
      item: entry.item,
      params: entry.spec.params,
      signal: controller.signal,
      phase: (state) => {
        if (controller.signal.aborted) return;
        entry.item.state = state;
        this.changed(entry.item.id, true);
      },
      progress: (bytesDone, bytesTotal) => {
        if (controller.signal.aborted) return;
        entry.item.bytesDone = bytesDone;
        if (bytesTotal !== undefined) entry.item.bytesTotal = bytesTotal;
        entry.meter?.record(bytesDone);
        entry.item.speed = entry.meter?.speed() ?? 0;
        entry.item.eta = entry.meter?.eta(bytesDone, entry.item.bytesTotal) ?? null;
        this.changed(entry.item.id, false);
      },
    };
    try {
      if (!runner) throw new AppError('internal', phrase('errors:queue.noRunner', { type: entry.spec.type }));
      // Its choice was taken back while it waited its turn: it was never started, so nothing of it is written.
      if (entry.spec.refused) throw new AppError('forbidden', entry.spec.refused);
      const result = await runner(context);
      if (controller.signal.reason === SHUTDOWN) {
        await this.finish(entry, 'failed', { result, error: interruptedError() });
        return;
      }
      if (controller.signal.aborted && result.items) {
        // A job over many items that was cancelled still says what it did to each one.
        const done = itemsDone(result.items);
        await this.finish(entry, 'cancelled', { result, error: new AppError('cancelled', phrase('errors:queue.cancelledAfter', { done, total: result.items.length })).toData() });
        return;
      }
      if (controller.signal.aborted) throw new AppError('cancelled', phrase('errors:generic.cancelled'));
      await this.finish(entry, 'done', { result });
    } catch (err) {
      if (controller.signal.reason === SHUTDOWN) {
        await this.finish(entry, 'failed', { error: interruptedError() });
        return;
      }
      const error = controller.signal.aborted ? new AppError('cancelled', phrase('errors:generic.cancelled')) : toAppError(err);

      await this.finish(entry, error.code === 'cancelled' ? 'cancelled' : 'failed', { error: error.toData() });
    }
  }

  private async finish(entry: Entry, state: TransferState, outcome: { result?: TransferResult; error?: TransferItem['error'] }): Promise<void> {
    // Refused for good (too large): never run again, so the copy kept for a retry goes, as a done job's does. The
    // files go before the row says it ended (a cancel meanwhile finds the controller and changes nothing), so
    // whoever reads it ended finds them gone.
    const final = state === 'failed' && isFinalRefusal(outcome.error);
    if (state === 'done' || final) await deleteOwnedFiles(entry);
    entry.controller = undefined;
    entry.meter = undefined;
    entry.item.state = state;
    entry.item.speed = 0;
    entry.item.eta = null;
    entry.item.finishedAt = new Date().toISOString();
    const redact = this.options.redact ?? ((text: string) => text);
    if (outcome.result) {
      // A server's words are in each reference send's and each item's result too.
      const { references, items, ...rest } = outcome.result;
      const words = <T extends { message?: string; phrase?: Phrase }>(r: T): T => ({ ...r, ...(r.message !== undefined ? { message: redact(r.message) } : {}), ...(r.phrase ? { phrase: redactPhrase(r.phrase, redact) } : {}) });
      entry.item.result = { ...rest, ...(references ? { references: references.map(words) } : {}), ...(items ? { items: items.map(words) } : {}) };
    }
    if (outcome.error) entry.item.error = redactWords(outcome.error, redact);
    if (final) entry.item.retryRefused = entry.spec.refused = phrase('errors:queue.finalRefusal');
    if (state === 'done' && entry.item.bytesTotal !== null && entry.item.unit !== 'items') entry.item.bytesDone = entry.item.bytesTotal;
    // Saves in flight at a cancel still finish and report after it (progress is no longer heard then): the row counts what the result says.
    if (entry.item.unit === 'items' && outcome.result?.items) entry.item.bytesDone = outcome.result.counted ?? itemsDone(outcome.result.items);
    this.batch.push({ ...entry.item });
    await trimHistory(this.entries, this.options.maxHistory ?? 1000);
    this.changed(entry.item.id, true);
    this.pump();
    if (this.running() === 0 && ![...this.entries.values()].some((e) => e.item.state === 'queued')) {
      const finished = this.batch;
      this.batch = [];
      for (const listener of this.batchListeners) listener(finished);
    }
  }

  /**
   * State changes go out at once; byte counts are coalesced to a few updates a second. The file is rewritten at
   * most every saveIntervalMs: a crash loses at most that much, and what was running comes back as interrupted.
   */
  private changed(id: string, immediate: boolean): void {
    this.saver.schedule();
    this.feed.changed(id, immediate);
  }
}
