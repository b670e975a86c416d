// A finished job that found something says it in its row of the Transfers view (the clean-up's count: how many media
// it would delete, and that nothing is deleted yet), in the reader's language, from main's phrase.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../main/common/contract';
import type { Phrase } from '../../../main/common/i18n/phrase';
import type { TransferItem } from '../../../main/common/transfers';
import { TransferList } from '../../../renderer/src/components/TransferList';
import { switchLanguage } from '../../../renderer/src/i18n';

vi.hoisted(() => {
  window.mediaDesk = { invoke: () => Promise.resolve({ ok: true, value: undefined }), on: () => () => undefined } as unknown as MediaDeskBridge;
});

const countJob = (summary?: Phrase): TransferItem => ({
  id: 'tr_00000000000000dd',
  accountId: 'acc_12345678',
  direction: 'job',
  unit: 'items',
  title: 'Count media to clean up, 2025-05-10 to 2025-05-12',
  titlePhrase: { key: 'shell:transfer.job.cleanupCount', values: { from: '2025-05-10', to: '2025-05-12' } },
  detail: 'Sandbox Twilio · messages read',
  state: 'done',
  bytesDone: 18,
  bytesTotal: 18,
  speed: 0,
  eta: null,
  createdAt: '2026-12-05T16:00:00.000Z',
  finishedAt: '2026-12-05T16:01:00.000Z',
  result: { ref: 'plan_1', ...(summary ? { summary } : {}) },
});

function rowText(summary?: Phrase): string {
  render(<TransferList items={[countJob(summary)]} label="Transfers" onCopy={() => undefined} />);
  return screen.getByRole('listitem').textContent ?? '';
}

beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(800);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(600);
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await act(() => switchLanguage('en'));
});

describe("what a finished job found, in its row", () => {
  it('says how many media the clean-up count found, with the number formatted', () => {
    expect(rowText({ key: 'shell:transfer.job.cleanupCounted', values: { count: 1234 } })).toContain('1,234 media items found to delete. Nothing is deleted until you confirm it in the clean-up.');
  });

  it('says one item in the singular, and none in words', () => {
    expect(rowText({ key: 'shell:transfer.job.cleanupCounted', values: { count: 1 } })).toContain('1 media item found to delete.');
    cleanup();
    expect(rowText({ key: 'shell:transfer.job.cleanupCountedNone' })).toContain('No media to delete in these days.');
  });

  it('says it in Japanese', async () => {
    await act(() => switchLanguage('ja'));
    expect(rowText({ key: 'shell:transfer.job.cleanupCounted', values: { count: 18 } })).toContain('削除対象のメディアが 18 件見つかりました。');
  });

  it("survives a saved summary whose values are named as i18next's options", () => {
    const saved: unknown = JSON.parse('{"key": "shell:transfer.job.cleanupCountedNone", "values": {"returnDetails": "1", "lngs": "x"}}');
    expect(rowText(saved as Phrase)).toContain('No media to delete in these days.');
  });

  it('says nothing more for a job whose result has no summary', () => {
    expect(rowText()).not.toMatch(/found to delete|No media/);
  });
});
