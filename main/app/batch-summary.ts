// The words of the notification shown when a batch of transfers ends.
import type { TransferItem } from '../common/transfers.js';

export function batchSummary(finished: TransferItem[]): { title: string; body: string } | null {
  if (finished.length === 0) return null;
  const count = (state: TransferItem['state']) => finished.filter((i) => i.state === state).length;
  const done = count('done');
  const failed = count('failed');
  const cancelled = count('cancelled');
  const noun = finished.every((i) => i.direction === 'upload') ? 'upload' : finished.every((i) => i.direction === 'download') ? 'download' : 'transfer';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (failed === 0 && cancelled === 0) {
    return { title: `${plural(done, noun)} finished`, body: done === 1 ? `${finished[0]?.title ?? ''} is done.` : 'All of them succeeded.' };
  }
  const parts = [done > 0 ? `${done} done` : '', failed > 0 ? `${failed} failed` : '', cancelled > 0 ? `${cancelled} cancelled` : ''].filter(Boolean);
  return { title: failed > 0 ? `${plural(failed, noun)} failed` : `${plural(finished.length, noun)} ended`, body: `${parts.join(', ')}. Open Transfers to retry.` };
}
