import { describe, expect, it } from 'vitest';
import { batchSummary } from '../../../main/app/batch-summary';
import type { TransferItem } from '../../../main/common/transfers';

const item = (title: string, state: TransferItem['state'], direction: TransferItem['direction'] = 'upload') =>
  ({ id: title, title, state, direction }) as TransferItem;

describe('the end-of-batch notification', () => {
  it('is silent when nothing finished', () => {
    expect(batchSummary([])).toBeNull();
  });
  it('names the file when one upload succeeded', () => {
    expect(batchSummary([item('cat.jpg', 'done')])).toEqual({ title: '1 upload finished', body: 'cat.jpg is done.' });
  });
  it('counts failures and points to the retry', () => {
    expect(batchSummary([item('a', 'done'), item('b', 'failed'), item('c', 'cancelled')])).toEqual({
      title: '1 upload failed',
      body: '1 done, 1 failed, 1 cancelled. Open Transfers to retry.',
    });
  });
  it('speaks of transfers when uploads and downloads are mixed', () => {
    expect(batchSummary([item('a', 'done'), item('b', 'done', 'download')])?.title).toBe('2 transfers finished');
  });
});
