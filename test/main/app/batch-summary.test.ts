import { describe, expect, it } from 'vitest';
import { batchSummary } from '../../../main/app/batch-summary';
import { translatorFor } from '../../../main/app/desktop-language';
import { phrase } from '../../../main/common/i18n/phrase';
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

describe('the end-of-batch notification in Japanese', () => {
  const ja = translatorFor('ja');
  it('says the counts and the retry in Japanese, with no English left', () => {
    const summary = batchSummary([item('a', 'done'), item('b', 'failed'), item('c', 'cancelled')], ja);
    expect(summary).toEqual({ title: '1 件のアップロードに失敗しました', body: '完了 1 件、失敗 1 件、キャンセル 1 件です。「転送」から再試行できます。' });
    expect(batchSummary([item('cat.jpg', 'done')], ja)).toEqual({ title: '1 件のアップロードが完了しました', body: '「cat.jpg」が完了しました。' });
    expect(batchSummary([item('a', 'done'), item('b', 'done', 'download')], ja)?.title).toBe('2 件の転送が完了しました');
    expect(batchSummary([item('a', 'done', 'download'), item('b', 'done', 'download')], ja)?.body).toBe('すべて成功しました。');
  });
  it("names a job by its title in Japanese, not the English kept for the log", () => {
    const job = { ...item('Delete 3 files', 'done', 'job'), titlePhrase: phrase('shell:transfer.job.deleteFiles', { count: 3 }) };
    expect(batchSummary([job], ja)?.body).toBe('「ファイル 3 件を削除」が完了しました。');
    expect(batchSummary([job])?.body).toBe('Delete 3 files is done.');
  });
});
