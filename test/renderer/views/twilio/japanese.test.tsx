// The Twilio viewer in Japanese: the list, the filters (their days said as GMT days), the media, the preview with its
// metadata, and the clean-up's plan, confirmation and run. Key labels are Japanese and no English phrase is left on
// screen besides the fixture's own data.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../../main/common/contract';
import type { TwilioCleanupPlan, TwilioCleanupStatus, TwilioMediaView, TwilioMessageView } from '../../../../main/common/methods/twilio';
import type { TransferItem } from '../../../../main/common/transfers';
import { gridKeysHint } from '../../../../renderer/src/hooks/grid-keys';
import { CleanupView } from '../../../../renderer/src/views/twilio/CleanupView';
import { TwilioPanel } from '../../../../renderer/src/views/twilio/TwilioPanel';
import { englishLeft } from '../../i18n/english-left';
import { account, giveScrollAreasASize, media, mediaSid, message, messageSid, renderWithQueries } from './support';
import { inJapaneseEachTest } from '../../i18n/in-japanese';

type Answer = (args: Record<string, unknown>) => unknown;

const server = vi.hoisted(() => {
  const state = {
    handlers: new Map<string, Answer>(),
    listeners: new Map<string, (payload: unknown) => void>(),
  };
  const bridge = {
    invoke: async (method: string, args: Record<string, unknown>) => {
      const handler = state.handlers.get(method);
      if (!handler) return { ok: false, error: { code: 'internal', message: `unexpected call ${method}` } };
      return { ok: true, value: await handler(args) };
    },
    on: (event: string, listener: (payload: unknown) => void) => {
      state.listeners.set(event, listener);
      return () => undefined;
    },
  };
  window.mediaDesk = bridge as unknown as MediaDeskBridge;
  return state;
});

/** The fixture's own words: message bodies, the account's name, the media's names (their type and SID). */
const FIXTURE = ['Message 1', 'Message 2', 'Support line', 'JPEG MEb000…0001', 'MP4 MEb000…0002', 'JPEG MEb000…0003'];

let messages: TwilioMessageView[];
let mediaOf: Map<string, TwilioMediaView[]>;

beforeEach(() => {
  giveScrollAreasASize();
  server.handlers.clear();
  const first = message(1, 3);
  messages = [first, { ...message(2, 0), direction: 'outbound-api', status: 'undelivered' }];
  mediaOf = new Map([[first.sid, [media(1, first.sid), media(2, first.sid, 'video/mp4'), media(3, first.sid)]]]);
  server.handlers.set('twilio.listMessages', () => ({ items: messages, nextPageUri: null }));
  server.handlers.set('twilio.listMedia', (args) => ({ items: mediaOf.get(String(args.messageSid)) ?? [], nextPageUri: null }));
});

inJapaneseEachTest();

describe('the Twilio viewer in Japanese', () => {
  it('lists, filters by GMT days, shows the media and previews them in Japanese', async () => {
    renderWithQueries(<TwilioPanel account={account} />);
    expect(await screen.findByText('メッセージ 2 件（すべて読み込み済み）')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'メッセージとメディア' })).toBeTruthy();
    expect(screen.getByRole('form', { name: 'メッセージの絞り込み' })).toBeTruthy();
    expect(screen.getByLabelText('送信元')).toBeTruthy();
    expect(screen.getByText('日付は Twilio と同じく GMT の日付で、開始日と終了日を含みます。')).toBeTruthy();
    expect(englishLeft(FIXTURE)).toEqual([]);

    // The applied days are said back as GMT days.
    fireEvent.change(screen.getByLabelText('送信日（から）'), { target: { value: '2026-12-01' } });
    fireEvent.change(screen.getByLabelText('送信日（まで）'), { target: { value: '2026-12-05' } });
    fireEvent.click(screen.getByRole('button', { name: '適用' }));
    expect(await screen.findByText('2026/12/01 GMT から 2026/12/05 GMT までに送信：日付は Twilio と同じく GMT の日付で、両日を含みます。')).toBeTruthy();

    const list = await screen.findByRole('listbox', { name: 'メッセージ（新しい順）' });
    const row = (await within(list).findByText('Message 1')).closest('[role="option"]') as HTMLElement;
    expect(row.querySelector('.twilio-msg-facts')?.textContent).toBe('受信');
    expect(row.querySelector('.twilio-count')?.textContent).toBe('メディア 3 件');
    // Twilio's status words are said in Japanese too.
    const sent = (await within(list).findByText('Message 2')).closest('[role="option"]') as HTMLElement;
    expect(sent.querySelector('.twilio-msg-status')?.textContent).toBe('未配信');
    fireEvent.click(row);

    const grid = await screen.findByRole('listbox', { name: 'メッセージのメディア' });
    await waitFor(() => expect(within(grid).getAllByRole('option')).toHaveLength(3));
    expect(screen.getByText('メディア 3 件（画像 2 件、動画 1 件）')).toBeTruthy();
    // The chosen message's status, in the media pane's heading, in Japanese as in the list.
    expect(document.querySelector('.twilio-media-head')?.textContent).toContain(' · 受信済み · ');
    expect(within(grid).getAllByRole('option')[1]?.getAttribute('aria-label')).toMatch(/^MP4 MEb000…0002、3 件中 2 件目の動画、video\/mp4、追加：2026\/12\/05 /);
    expect(screen.getByRole('button', { name: 'すべてダウンロード…' })).toBeTruthy();
    expect(englishLeft([...FIXTURE, gridKeysHint()])).toEqual([]);

    fireEvent.keyDown(within(grid).getAllByRole('option')[0]!, { key: 'Enter' });
    const preview = within(await screen.findByRole('dialog', { name: 'JPEG MEb000…0001' }));
    for (const name of ['前へ', '次へ', '閉じる', 'ダウンロード…', '削除…', '全体', '拡大', '縮小']) expect(preview.getByRole('button', { name })).toBeTruthy();
    expect(preview.getByText(/^3 件中 1 件目の画像 · image\/jpeg · 追加：/)).toBeTruthy();
    expect(preview.getByRole('img', { name: 'メッセージに添付された画像（image/jpeg）' })).toBeTruthy();
    expect(preview.getByRole('tab', { name: '詳細' }).getAttribute('aria-selected')).toBe('true');
    for (const term of ['種類', '追加日時', 'メディア SID', 'メッセージ SID', '保存時の名前', 'メディア URL']) expect(preview.getByText(term)).toBeTruthy();
    expect(englishLeft([...FIXTURE, gridKeysHint()])).toEqual([]);
  });

  it('counts, confirms with the GMT days, and follows the clean-up run in Japanese', async () => {
    const item = (n: number, contentType: string) => ({ messageSid: messageSid(1), mediaSid: mediaSid(n), contentType, dateCreated: '2025-05-10T10:00:00.000Z', from: '+15551234567', to: '+15557654321' });
    const plan: TwilioCleanupPlan = {
      planId: 'cp_0123456789abcdef',
      criteria: { dateFrom: '2025-05-10', dateTo: '2025-05-12', from: '+15551234567' },
      count: 3,
      messagesScanned: 40,
      items: [item(1, 'image/jpeg'), item(2, 'video/mp4'), item(3, 'image/png')],
      plannedAt: '2026-12-05T16:00:00.000Z',
    };
    const job: TransferItem = { id: 'tr_00000000000000aa', accountId: account.id, direction: 'job', unit: 'items', title: 'x', detail: 'x', state: 'done', bytesDone: 40, bytesTotal: 40, speed: 0, eta: null, createdAt: '2026-12-05T16:00:00.000Z', result: { ref: plan.planId } };
    const run: TwilioCleanupStatus = {
      runId: 'cr_0123456789abcdef',
      jobId: 'tr_00000000000000ee',
      accountId: account.id,
      criteria: plan.criteria,
      state: 'finished',
      total: 2,
      done: 2,
      totals: { deleted: 1, gone: 0, failed: 1, skipped: 0 },
      results: [
        { ...item(1, 'image/jpeg'), status: 'deleted', at: '2026-12-05T16:00:00.000Z' },
        { ...item(2, 'video/mp4'), status: 'failed', message: 'Twilio error 20404: The requested resource was not found', at: '2026-12-05T16:00:01.000Z' },
      ],
      from: 0,
      stopped: false,
      excluded: 1,
      startedAt: '2026-12-05T16:00:00.000Z',
      journalPath: '/tmp/journal.jsonl',
    };
    server.handlers.set('twilio.cleanupLatest', () => null);
    server.handlers.set('twilio.cleanupPlan', () => job);
    server.handlers.set('twilio.cleanupGetPlan', () => plan);
    server.handlers.set('twilio.previewUrl', () => ({ url: '/media/x' }));
    server.handlers.set('twilio.cleanupStart', () => run);
    server.handlers.set('twilio.cleanupStatus', () => run);

    renderWithQueries(<CleanupView accountId={account.id} accountLabel="Support line" />);
    expect(screen.getByText('メディアの追加日（GMT の日付、両日を含む）')).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: '件数を確認' }));
    const list = await screen.findByRole('list', { name: 'クリーンアップで削除されるメディア' });
    expect(screen.getByText('メッセージ 40 件からメディアが 3 件見つかりました。まだ何も削除されていません。 除外する項目はチェックを外してください。')).toBeTruthy();
    expect(englishLeft(['Support line'])).toEqual([]);

    fireEvent.click(within(list).getByRole('checkbox', { name: `${mediaSid(3)} を削除` }));
    expect(within(list).getByRole('listitem', { name: `${mediaSid(3)}：除外` })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'メディア 2 件を削除' }));
    const confirm = await screen.findByRole('dialog', { name: 'メディア 2 件を削除しますか?' });
    // The days are Twilio's GMT days, said as such.
    expect(confirm.textContent).toContain('「Support line」で 2025/05/10 GMT から 2025/05/12 GMT までに追加されたメディアを、除外した 1 件を除いてすべて、Twilio から完全に削除します。');
    expect(confirm.textContent).toContain('対象は +15551234567 が送信したメディアのみです。');
    expect(englishLeft(['Support line'], confirm)).toEqual([]);

    fireEvent.click(within(confirm).getByRole('button', { name: 'メディア 2 件を削除' }));
    expect(await screen.findByRole('heading', { name: 'クリーンアップが完了しました' })).toBeTruthy();
    expect(screen.getByText('削除 1 件 · 既になし 0 件 · 失敗 1 件 · 未削除 0 件 · 除外 1 件')).toBeTruthy();
    expect(screen.getByText('2 件中 2 件（100%）')).toBeTruthy();
    const results = screen.getByRole('list', { name: '各メディアの結果（処理順）' });
    expect(within(results).getAllByRole('listitem').map((row) => row.getAttribute('aria-label'))).toEqual([`${mediaSid(1)}：削除済み`, `${mediaSid(2)}：失敗`]);
    // Main's own words for an item (here without a phrase) are shown as main said them: data, not the view's English.
    expect(englishLeft(['Support line', 'Twilio error 20404: The requested resource was not found'])).toEqual([]);
  });
});
