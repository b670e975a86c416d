// The transfer queue as the UI sees it, kept in step by the queue's events.
import { create } from 'zustand';
import { FINAL_STATES, type TransferItem, type TransferSummary } from '../../../main/common/transfers';
import { bridge, call } from '../bridge';

interface TransfersState {
  items: Map<string, TransferItem>;
  /** Ids in the order the queue holds them (oldest first). */
  order: string[];
  summary: TransferSummary;
  load(): Promise<void>;
}

export const useTransfers = create<TransfersState>((set) => ({
  items: new Map(),
  order: [],
  summary: { active: 0, progress: null },
  async load() {
    const { items, summary } = await call('transfers.list', {});
    set({ items: new Map(items.map((i) => [i.id, i])), order: items.map((i) => i.id), summary });
  },
}));

bridge.on('transfers.changed', ({ changed, summary }) => {
  useTransfers.setState((state) => {
    const items = new Map(state.items);
    let order = state.order;
    for (const item of changed) {
      if (!items.has(item.id)) order = [...order, item.id];
      items.set(item.id, item);
    }
    return { items, order, summary };
  });
  // Clearing the history sends no per-item change: reload to drop what is gone.
  if (changed.length === 0) void useTransfers.getState().load();
});

/**
 * Calls `then` once, when every one of these transfers has ended (done, failed or cancelled): for a notice such as
 * "Uploading 3 files…" that must go when they do. Returns a function that stops waiting.
 */
export function whenTransfersEnd(ids: readonly string[], then: () => void): () => void {
  const ended = (state: TransfersState) =>
    ids.every((id) => {
      const item = state.items.get(id);
      return item !== undefined && FINAL_STATES.includes(item.state);
    });
  if (ended(useTransfers.getState())) {
    then();
    return () => undefined;
  }
  const stop = useTransfers.subscribe((state) => {
    if (!ended(state)) return;
    stop();
    then();
  });
  return stop;
}
