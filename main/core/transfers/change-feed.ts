// What the queue tells its listeners: the jobs that changed and the overall summary, byte counts coalesced.
import { FINAL_STATES, type TransferItem, type TransferSummary } from '../../common/transfers.js';
import type { Entry } from './queue-entries.js';

export type QueueListener = (changed: TransferItem[], summary: TransferSummary) => void;

/** Jobs still to finish, and how far their bytes have gone together (null when none is left). */
export function summarize(entries: Iterable<Entry>): TransferSummary {
  let active = 0;
  let done = 0;
  let total = 0;
  for (const { item } of entries) {
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

export class ChangeFeed {
  private readonly listeners = new Set<QueueListener>();
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly entries: ReadonlyMap<string, Entry>,
    private readonly options: { progressIntervalMs?: number },
  ) {}

  onChange(listener: QueueListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A state change goes out at once, with any byte counts waiting; a byte count waits progressIntervalMs at most. */
  changed(id: string, immediate: boolean): void {
    this.dirty.add(id);
    if (immediate) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      this.emitDirty();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.emitDirty();
    }, this.options.progressIntervalMs ?? 250);
  }

  /** Sends now what was waiting, if anything was. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.emitDirty();
    }
  }

  emit(changed: TransferItem[]): void {
    const summary = summarize(this.entries.values());
    for (const listener of this.listeners) listener(changed, summary);
  }

  private emitDirty(): void {
    const changed = [...this.dirty].map((id) => this.entries.get(id)?.item).filter((i): i is TransferItem => i !== undefined);
    this.dirty.clear();
    this.emit(changed.map((i) => ({ ...i })));
  }
}
