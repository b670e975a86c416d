// Jobs over many items (an access list applied, files deleted, a clean-up count) as the view that started one
// follows it: through the transfer queue's events, like any transfer.
import { useTransfers } from './transfers-store';
import { FINAL_STATES, type TransferItem } from '../../../main/common/transfers';

/** Resolves with the job once it has ended (done, failed or cancelled). */
export function waitForJob(id: string): Promise<TransferItem> {
  return new Promise((resolve) => {
    const check = (items: ReadonlyMap<string, TransferItem>): boolean => {
      const item = items.get(id);
      if (!item || !FINAL_STATES.includes(item.state)) return false;
      resolve(item);
      return true;
    };
    if (check(useTransfers.getState().items)) return;
    const stop = useTransfers.subscribe((state) => {
      if (check(state.items)) stop();
    });
  });
}

/** Puts a job the queue just answered with into the store, in case its first event was missed. */
export function noteJob(item: TransferItem): void {
  useTransfers.setState((state) => {
    if (state.items.has(item.id)) return state;
    const items = new Map(state.items);
    items.set(item.id, item);
    return { items, order: [...state.order, item.id] };
  });
}

/** The job as its latest event has it, or undefined. */
export function useJob(id: string | null): TransferItem | undefined {
  return useTransfers((s) => (id ? s.items.get(id) : undefined));
}
