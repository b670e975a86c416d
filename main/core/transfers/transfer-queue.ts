// One transfer queue for every account. Jobs run through runners registered per job type, a few at a time;
// cancel aborts the request at once; only failed or cancelled jobs can be retried; the queue is saved atomically
// so a restart brings interrupted jobs back as failed and retryable; the history is bounded.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError, redactPhrase, redactWords, toAppError } from '../../common/errors.js';
import { inEnglish, isPhrase, phrase, type Phrase } from '../../common/i18n/phrase.js';
import { DOWNLOAD_KINDS, type DownloadKind } from '../../common/methods/core.js';
import { AUTH_CHALLENGE_SOURCES, FINAL_STATES, TRANSFER_STATES, type TransferItem, type TransferResult, type TransferState, type TransferSummary } from '../../common/transfers.js';
import { readJsonFile, writeJsonAtomic } from '../storage/atomic.js';
import { SpeedMeter } from './speed-meter.js';

/** What a job needs to run again after a restart: plain, serialisable data its runner validates. */
export interface TransferSpec {
  type: string;
  params: unknown;
  /** Files the queue owns (staged copies): deleted when the job leaves the history or succeeds. */
  ownedFiles?: string[];
  /** The user's choice the job writes under, which the user can take back (takeBack). */
  choice?: TransferChoice;
  /** Why the job may not run again: the user took its choice back. A retry ends it failed with this, at once. */
  refused?: Phrase;
}

/** A folder the user chose for a kind of download and main remembers for it, until the user forgets it. */
export interface TransferChoice {
  kind: DownloadKind;
  /** The folder's real path. */
  dir: string;
}

export interface RunContext {
  item: Readonly<TransferItem>;
  params: unknown;
  signal: AbortSignal;
  /** Moves the job into a running phase ('checking', 'uploading', 'waiting', 'downloading', 'working'). */
  phase(state: Extract<TransferState, 'checking' | 'uploading' | 'waiting' | 'downloading' | 'working'>): void;
  progress(bytesDone: number, bytesTotal?: number | null): void;
}

export type TransferRunner = (context: RunContext) => Promise<TransferResult>;

export interface NewTransfer {
  accountId: string;
  direction: TransferItem['direction'];
  /** A file's name as it is, or a phrase (a job's title) said in the reader's language. */
  title: string | Phrase;
  detail: string | Phrase;
  bytesTotal: number | null;
  recipients?: string[];
  /** A job over many items: its progress counts items, not bytes. */
  unit?: 'items';
}

interface Entry {
  item: TransferItem;
  spec: TransferSpec;
  controller?: AbortController;
  meter?: SpeedMeter;
}

// What a saved entry must have for the UI to show it and the queue to run it again; other fields pass through.
const storedItemSchema = z.looseObject({
  id: z.string().regex(/^tr_[a-f0-9]{16}$/),
  accountId: z.string(),
  direction: z.enum(['upload', 'download', 'job']),
  title: z.string(),
  detail: z.string(),
  // A phrase that is not one is left out: the English words are shown instead.
  titlePhrase: z.custom<Phrase>((value) => isPhrase(value)).optional().catch(undefined),
  detailPhrase: z.custom<Phrase>((value) => isPhrase(value)).optional().catch(undefined),
  state: z.enum(TRANSFER_STATES),
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative().nullable(),
  speed: z.number().catch(0),
  eta: z.number().nullable().catch(null),
  createdAt: z.string(),
  // An older version said how an upload authenticated in English words: left out rather than shown wrong.
  result: z
    .looseObject({
      authentication: z.object({ scheme: z.string().regex(/^(?:Basic|Digest \([A-Za-z0-9-]{1,20}\))$/), source: z.enum(AUTH_CHALLENGE_SOURCES) }).optional().catch(undefined),
      summary: z.custom<Phrase>((value) => isPhrase(value)).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
});
// A choice or a refusal that is not one drops the entry rather than letting it run again where it was refused.
const storedSpecSchema = z.object({
  type: z.string().min(1),
  params: z.unknown(),
  ownedFiles: z.array(z.string()).optional(),
  choice: z.object({ kind: z.enum(DOWNLOAD_KINDS), dir: z.string().min(1) }).optional(),
  refused: z.custom<Phrase>((value) => isPhrase(value)).optional(),
});
const storedEntrySchema = z.object({ item: storedItemSchema, spec: storedSpecSchema });
const storedSchema = z.object({ version: z.literal(1), entries: z.array(z.unknown()) });

export interface TransferQueueOptions {
  dataDir: string;
  concurrency: number;
  /** Finished jobs kept; the oldest go first. */
  maxHistory?: number;
  /** How often byte progress reaches listeners, at most. */
  progressIntervalMs?: number;
  /** How often the queue file is rewritten, at most. */
  saveIntervalMs?: number;
  /**
   * Where a failure to save the queue is reported; `attempt` counts the failures in a row. The list stays in
   * memory and the save is tried again, sooner first, then every saveRetryMaxMs at most.
   */
  onSaveError?: (err: unknown, attempt: number) => void;
  /** Called when a save succeeds after failures. */
  onSaveRecovered?: () => void;
  /** The first retry's delay after a failed save; each next one doubles, up to saveRetryMaxMs. */
  saveRetryMs?: number;
  saveRetryMaxMs?: number;
  /**
   * Applied to every message a job ends with (its error, its reference sends) before the queue keeps, saves or
   * shows it: a server may quote a password back in its error.
   */
  redact?: (text: string) => string;
}

export type QueueListener = (changed: TransferItem[], summary: TransferSummary) => void;

export class TransferQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly runners = new Map<string, TransferRunner>();
  private readonly listeners = new Set<QueueListener>();
  private readonly batchListeners = new Set<(finished: TransferItem[]) => void>();
  private readonly dirty = new Set<string>();
  /** Runs in progress, so that stop() can wait for each to record how it ended. */
  private readonly runs = new Set<Promise<void>>();
  private readonly file: string;
  private concurrency: number;
  private flushTimer: NodeJS.Timeout | undefined;
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  /** Failed saves in a row. */
  private saveFailures = 0;
  private stopped = false;
  /** Jobs finished since the queue was last idle, for the end-of-batch notification. */
  private batch: TransferItem[] = [];

  constructor(private readonly options: TransferQueueOptions) {
    this.file = path.join(options.dataDir, 'transfers.json');
    this.concurrency = options.concurrency;
  }

  registerRunner(type: string, runner: TransferRunner): void {
    this.runners.set(type, runner);
  }

  onChange(listener: QueueListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called when the last running job of a batch ends, with every job that finished in it. */
  onBatchEnd(listener: (finished: TransferItem[]) => void): () => void {
    this.batchListeners.add(listener);
    return () => this.batchListeners.delete(listener);
  }

  /** Reads the saved queue: what was queued or running when the app stopped comes back failed and retryable. */
  async load(): Promise<{ corruptMovedTo?: string }> {
    const read = await readJsonFile(this.file, storedSchema);
    if (read.status === 'corrupt') return { corruptMovedTo: read.movedTo };
    if (read.status !== 'ok') return {};
    const entries = read.value.entries.map((raw) => storedEntrySchema.safeParse(raw));
    let corruptMovedTo: string | undefined;
    if (entries.some((e) => !e.success)) {
      // Entries that are not transfers are dropped from the list, never shown half-made; the file is kept aside.
      corruptMovedTo = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await fs.copyFile(this.file, corruptMovedTo);
    }
    for (const parsed of entries) {
      if (!parsed.success) continue;
      const item = parsed.data.item as TransferItem;
      const spec: TransferSpec = parsed.data.spec;
      if (!FINAL_STATES.includes(item.state)) {
        item.state = 'failed';
        item.error = new AppError('cancelled', phrase('errors:queue.interrupted')).toData();
        item.finishedAt = new Date().toISOString();
        item.speed = 0;
        item.eta = null;
      }
      this.entries.set(item.id, { item, spec });
    }
    await this.saveOrRetry();
    return corruptMovedTo ? { corruptMovedTo } : {};
  }

  /** Every file a job in the list owns (staged copies kept for a retry). */
  ownedFiles(): string[] {
    return [...this.entries.values()].flatMap((e) => e.spec.ownedFiles ?? []);
  }

  list(): TransferItem[] {
    return [...this.entries.values()].map((e) => ({ ...e.item }));
  }

  get(id: string): TransferItem | undefined {
    const entry = this.entries.get(id);
    return entry ? { ...entry.item } : undefined;
  }

  summary(): TransferSummary {
    let active = 0;
    let done = 0;
    let total = 0;
    for (const { item } of this.entries.values()) {
      if (FINAL_STATES.includes(item.state)) continue;
      active++;
      // Items are not bytes: a job's n of N shows on its own row, not in the overall byte progress.
      if (item.bytesTotal && item.unit !== 'items') {
        done += Math.min(item.bytesDone, item.bytesTotal);
        total += item.bytesTotal;
      }
    }
    return { active, progress: active === 0 ? null : total > 0 ? done / total : 0 };
  }

  setConcurrency(n: number): void {
    this.concurrency = n;
    this.pump();
  }

  enqueue(spec: TransferSpec, transfer: NewTransfer): TransferItem {
    if (!this.runners.has(spec.type)) throw new AppError('internal', phrase('errors:queue.noRunner', { type: spec.type }));
    const item: TransferItem = {
      id: `tr_${randomBytes(8).toString('hex')}`,
      accountId: transfer.accountId,
      direction: transfer.direction,
      ...(typeof transfer.title === 'string' ? { title: transfer.title } : { title: inEnglish(transfer.title), titlePhrase: transfer.title }),
      ...(typeof transfer.detail === 'string' ? { detail: transfer.detail } : { detail: inEnglish(transfer.detail), detailPhrase: transfer.detail }),
      state: 'queued',
      bytesDone: 0,
      bytesTotal: transfer.bytesTotal,
      speed: 0,
      eta: null,
      createdAt: new Date().toISOString(),
      ...(transfer.recipients ? { recipients: transfer.recipients } : {}),
      ...(transfer.unit ? { unit: transfer.unit } : {}),
    };
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
    for (const { spec } of this.entries.values()) {
      if (spec.choice?.kind !== choice.kind || spec.choice.dir !== choice.dir) continue;
      spec.refused = reason;
      marked = true;
    }
    if (marked) await this.saveOrRetry();
  }

  /** Drops finished jobs from the history (all, or the given ones). */
  async clearFinished(ids?: string[]): Promise<void> {
    for (const entry of [...this.entries.values()]) {
      if (!FINAL_STATES.includes(entry.item.state)) continue;
      if (ids && !ids.includes(entry.item.id)) continue;
      await this.drop(entry);
    }
    this.emit([]);
    this.scheduleSave();
    await this.flush();
  }

  /** Waits for pending writes (tests, shutdown). */
  async flush(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      this.emitDirty();
    }
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      await this.save();
    }
    await this.saving;
  }

  /** Aborts everything running (app shutdown); they are saved as interrupted. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const entry of this.entries.values()) entry.controller?.abort();
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
      if (controller.signal.aborted && result.items) {
        // A job over many items that was cancelled still says what it did to each one.
        const done = result.items.filter((i) => i.outcome !== 'cancelled').length;
        await this.finish(entry, 'cancelled', { result, error: new AppError('cancelled', phrase('errors:queue.cancelledAfter', { done, total: result.items.length })).toData() });
        return;
      }
      if (controller.signal.aborted) throw new AppError('cancelled', phrase('errors:generic.cancelled'));
      await this.finish(entry, 'done', { result });
    } catch (err) {
      const error = controller.signal.aborted ? new AppError('cancelled', phrase('errors:generic.cancelled')) : toAppError(err);

      await this.finish(entry, error.code === 'cancelled' ? 'cancelled' : 'failed', { error: error.toData() });
    }
  }

  private async finish(entry: Entry, state: TransferState, outcome: { result?: TransferResult; error?: TransferItem['error'] }): Promise<void> {
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
    if (state === 'done' && entry.item.bytesTotal !== null && entry.item.unit !== 'items') entry.item.bytesDone = entry.item.bytesTotal;
    if (state === 'done') await this.deleteOwnedFiles(entry);
    this.batch.push({ ...entry.item });
    await this.trimHistory();
    this.changed(entry.item.id, true);
    this.pump();
    if (this.running() === 0 && ![...this.entries.values()].some((e) => e.item.state === 'queued')) {
      const finished = this.batch;
      this.batch = [];
      for (const listener of this.batchListeners) listener(finished);
    }
  }

  private async trimHistory(): Promise<void> {
    const max = this.options.maxHistory ?? 1000;
    const finished = [...this.entries.values()].filter((e) => FINAL_STATES.includes(e.item.state));
    for (const entry of finished.slice(0, Math.max(0, finished.length - max))) await this.drop(entry);
  }

  /** Its files go first: once an entry is out of the list, nothing it owned is left (a reader may count on it). */
  private async drop(entry: Entry): Promise<void> {
    await this.deleteOwnedFiles(entry);
    this.entries.delete(entry.item.id);
  }

  private async deleteOwnedFiles(entry: Entry): Promise<void> {
    for (const file of entry.spec.ownedFiles ?? []) await fs.rm(file, { force: true });
    entry.spec.ownedFiles = [];
  }

  /**
   * State changes go out at once; byte counts are coalesced to a few updates a second. The file is rewritten at
   * most every saveIntervalMs: a crash loses at most that much, and what was running comes back as interrupted.
   */
  private changed(id: string, immediate: boolean): void {
    this.dirty.add(id);
    this.scheduleSave();
    if (immediate) {
      if (this.flushTimer) clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      this.emitDirty();
      return;
    }
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      this.emitDirty();
    }, this.options.progressIntervalMs ?? 250);
  }

  private scheduleSave(delayMs = this.options.saveIntervalMs ?? 300): void {
    this.saveTimer ??= setTimeout(() => {
      this.saveTimer = undefined;
      void this.saveOrRetry();
    }, delayMs);
  }

  /** A failed save (a full disk) is not the end of the list: it is kept in memory and saved again later. */
  private async saveOrRetry(): Promise<void> {
    try {
      await this.save();
    } catch (err) {
      this.saveFailures += 1;
      this.options.onSaveError?.(err, this.saveFailures);
      if (this.stopped) return;
      const base = this.options.saveRetryMs ?? 1000;
      this.scheduleSave(Math.min(this.options.saveRetryMaxMs ?? 30_000, base * 2 ** (this.saveFailures - 1)));
      return;
    }
    if (this.saveFailures > 0) {
      this.saveFailures = 0;
      this.options.onSaveRecovered?.();
    }
  }

  private emitDirty(): void {
    const changed = [...this.dirty].map((id) => this.entries.get(id)?.item).filter((i): i is TransferItem => i !== undefined);
    this.dirty.clear();
    this.emit(changed.map((i) => ({ ...i })));
  }

  private emit(changed: TransferItem[]): void {
    const summary = this.summary();
    for (const listener of this.listeners) listener(changed, summary);
  }

  private save(): Promise<void> {
    const snapshot = { version: 1 as const, entries: [...this.entries.values()].map(({ item, spec }) => ({ item, spec })) };
    this.saving = this.saving.catch(() => undefined).then(() => writeJsonAtomic(this.file, snapshot));
    return this.saving;
  }
}
