// Writes the queue file at most every saveIntervalMs, one write after another, and keeps trying when it cannot.
import { writeJsonAtomic } from '../storage/atomic.js';

export interface QueueSaveOptions {
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
}

export class QueueSaver {
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  /** Failed saves in a row. */
  private failures = 0;
  private stopped = false;

  /** `snapshot` is taken when a write is started, so it holds what the queue was then. */
  constructor(
    private readonly file: string,
    private readonly snapshot: () => unknown,
    private readonly options: QueueSaveOptions,
  ) {}

  schedule(delayMs = this.options.saveIntervalMs ?? 300): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.saveOrRetry();
    }, delayMs);
  }

  /** A failed save (a full disk) is not the end of the list: it is kept in memory and saved again later. */
  async saveOrRetry(): Promise<void> {
    try {
      await this.save();
    } catch (err) {
      this.failures += 1;
      this.options.onSaveError?.(err, this.failures);
      if (this.stopped) return;
      const base = this.options.saveRetryMs ?? 1000;
      this.schedule(Math.min(this.options.saveRetryMaxMs ?? 30_000, base * 2 ** (this.failures - 1)));
      return;
    }
    if (this.failures > 0) {
      this.failures = 0;
      this.options.onSaveRecovered?.();
    }
  }

  /** Writes now what waited for its turn, and waits for every write started. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      await this.save();
    }
    await this.saving;
  }

  /** After a stop, a failed save is reported but not tried again. */
  stop(): void {
    this.stopped = true;
  }

  private save(): Promise<void> {
    const snapshot = this.snapshot();
    this.saving = this.saving.catch(() => undefined).then(() => writeJsonAtomic(this.file, snapshot));
    return this.saving;
  }
}
