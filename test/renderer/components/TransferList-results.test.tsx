// What a finished transfer says under its title in the Transfers view, in the reader's language: how an upload whose
// server asked for HTTP authentication authenticated (which scheme, and how the challenge was learnt without sending
// the file twice), and what a job found (the clean-up's count: how many media it would delete, nothing deleted yet).
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../main/common/contract';
import type { Phrase } from '../../../main/common/i18n/phrase';
import type { TransferAuthentication, TransferItem } from '../../../main/common/transfers';
import { TransferList } from '../../../renderer/src/components/TransferList';
import { switchLanguage } from '../../../renderer/src/i18n';

vi.hoisted(() => {
  window.mediaDesk = { invoke: () => Promise.resolve({ ok: true, value: undefined }), on: () => () => undefined } as unknown as MediaDeskBridge;
});

const finished = {
  accountId: 'acc_12345678',
  state: 'done',
  speed: 0,
  eta: null,
  createdAt: '2026-12-05T16:00:00.000Z',
  finishedAt: '2026-12-05T16:01:00.000Z',
} as const;

const upload = (authentication?: TransferAuthentication): TransferItem => ({
  ...finished,
  id: 'tr_00000000000000cc',
  direction: 'upload',
  title: 'launch.mp4',
  detail: 'to +15551230001',
  bytesDone: 300,
  bytesTotal: 300,
  result: { mediaUrl: 'https://media.example/m/1.mp4', ...(authentication ? { authentication } : {}) },
});

const countJob = (summary?: Phrase): TransferItem => ({
  ...finished,
  id: 'tr_00000000000000dd',
  direction: 'job',
  unit: 'items',
  title: 'Count media to clean up, 2025-05-10 to 2025-05-12',
  titlePhrase: { key: 'shell:transfer.job.cleanupCount', values: { from: '2025-05-10', to: '2025-05-12' } },
  detail: 'Sandbox Twilio · messages read',
  bytesDone: 18,
  bytesTotal: 18,
  result: { ref: 'plan_1', ...(summary ? { summary } : {}) },
});

function rowText(item: TransferItem): string {
  render(<TransferList items={[item]} label="Transfers" onCopy={() => undefined} />);
  return screen.getByRole('listitem').textContent ?? '';
}
const uploadRow = (authentication?: TransferAuthentication): string => rowText(upload(authentication));
const countRow = (summary?: Phrase): string => rowText(countJob(summary));

beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(800);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(600);
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await act(() => switchLanguage('en'));
});

describe('how a finished upload authenticated', () => {
  it.each([
    [{ scheme: 'Digest (SHA-256)', source: 'reused' } as const, "Authenticated with Digest (SHA-256) using the precheck's challenge: the file was sent once."],
    [{ scheme: 'Digest (MD5)', source: 'probe' } as const, 'Authenticated with Digest (MD5), asking for the challenge first (Expect: 100-continue): the file was sent once.'],
    [{ scheme: 'Basic', source: 'answer' } as const, "Authenticated with Basic, answering the challenge in the server's first reply."],
  ])('%o is said as "%s"', (authentication, said) => {
    expect(uploadRow(authentication)).toContain(said);
  });

  it('says nothing of it when the server asked for none', () => {
    expect(uploadRow()).not.toMatch(/Authenticated/);
  });

  it('says it in Japanese, the scheme as HTTP names it', async () => {
    await act(() => switchLanguage('ja'));
    expect(uploadRow({ scheme: 'Digest (SHA-256)', source: 'probe' })).toContain('Digest (SHA-256) で認証しました（Expect: 100-continue で先にチャレンジを確認。ファイルの送信は 1 回）。');
    cleanup();
    expect(uploadRow({ scheme: 'Basic', source: 'reused' })).toContain('Basic で認証しました（事前チェックのチャレンジを使用。ファイルの送信は 1 回）。');
  });
});

describe("what a finished job found, in its row", () => {
  it('says how many media the clean-up count found, with the number formatted', () => {
    expect(countRow({ key: 'shell:transfer.job.cleanupCounted', values: { count: 1234 } })).toContain('1,234 media items found to delete. Nothing is deleted until you confirm it in the clean-up.');
  });

  it('says one item in the singular, and none in words', () => {
    expect(countRow({ key: 'shell:transfer.job.cleanupCounted', values: { count: 1 } })).toContain('1 media item found to delete.');
    cleanup();
    expect(countRow({ key: 'shell:transfer.job.cleanupCountedNone' })).toContain('No media to delete in these days.');
  });

  it('says it in Japanese', async () => {
    await act(() => switchLanguage('ja'));
    expect(countRow({ key: 'shell:transfer.job.cleanupCounted', values: { count: 18 } })).toContain('削除対象のメディアが 18 件見つかりました。');
  });

  it("survives a saved summary whose values are named as i18next's options", () => {
    const saved: unknown = JSON.parse('{"key": "shell:transfer.job.cleanupCountedNone", "values": {"returnDetails": "1", "lngs": "x"}}');
    expect(countRow(saved as Phrase)).toContain('No media to delete in these days.');
  });

  it('says nothing more for a job whose result has no summary', () => {
    expect(countRow()).not.toMatch(/found to delete|No media/);
  });
});
