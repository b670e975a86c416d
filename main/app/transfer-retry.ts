// A retry reaches the queue only where it can work (retryReachesQueue, under the rule the window offers Retry by): a
// transfer whose account was removed stays failed with the reason it had, whatever was asked for, by id or "retry
// all". One whose download folder was forgotten, asked for by its id (the command line), goes on to the queue, which
// refuses it and says why in its row; "retry all" leaves it as it is, as the window's count of it does (canRetry),
// so its own failure is not written over.
import type { AccountStore } from '../core/accounts/account-store.js';
import type { TransferQueue } from '../core/transfers/transfer-queue.js';
import { canRetry, retryReachesQueue, type TransferItem } from '../common/transfers.js';

export function retryTransfers(queue: Pick<TransferQueue, 'list' | 'get' | 'retry'>, accounts: Pick<AccountStore, 'list'>, ids?: string[]): TransferItem[] {
  const known = new Set(accounts.list().map((account) => account.id));
  const exists = (accountId: string) => known.has(accountId);
  const asked = ids ?? queue.list().map((item) => item.id);
  // An id the queue does not know goes through, for the queue to refuse as it always has.
  return queue.retry(asked.filter((id) => {
    const item = queue.get(id);
    if (item === undefined) return true;
    return ids === undefined ? canRetry(item, exists) : retryReachesQueue(item, exists);
  }));
}
