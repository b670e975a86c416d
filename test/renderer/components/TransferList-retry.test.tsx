// Retry is offered only where it can work: a transfer whose account was removed, or a download whose folder was
// forgotten in Settings, says so in its row instead, and "Retry failed (N)" counts only those that can run. Cancel
// and Retry go once used (the other takes their place), and the keyboard focus stays in the row rather than dropping
// to the page; "Retry failed (N)", disabled once used, hands the focus to the list.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '../../../main/common/accounts';
import type { MediaDeskBridge } from '../../../main/common/contract';
import type { TransferItem, TransferState } from '../../../main/common/transfers';
import { TransferList } from '../../../renderer/src/components/TransferList';
import { useAppStore } from '../../../renderer/src/store/app-store';
import { useTransfers } from '../../../renderer/src/store/transfers-store';
import { TransfersView } from '../../../renderer/src/views/TransfersView';
import { switchLanguage } from '../../../renderer/src/i18n';

const bridge = vi.hoisted(() => {
  const state = { calls: [] as Array<[string, unknown]>, list: [] as unknown[] };
  window.mediaDesk = {
    invoke: (method: string, args: unknown) => {
      state.calls.push([method, args]);
      if (method === 'transfers.list') return Promise.resolve({ ok: true, value: { items: state.list, summary: { active: 0, progress: null } } });
      return Promise.resolve({ ok: true, value: [] });
    },
    on: () => () => undefined,
  } as unknown as MediaDeskBridge;
  return state;
});

const KEPT = 'acc_kept0001';
const REMOVED = 'acc_gone0001';

const transfer = (n: number, state: TransferState, accountId = KEPT): TransferItem => ({
  id: `tr_00000000000000${String(n).padStart(2, '0')}`,
  accountId,
  direction: 'upload',
  title: `clip-${n}.mp4`,
  detail: 'My upload · to +15551234567',
  state,
  bytesDone: 0,
  bytesTotal: 1000,
  speed: 0,
  eta: null,
  createdAt: '2026-12-05T16:00:00.000Z',
  ...(state === 'failed' ? { error: { code: 'remote', message: 'The server said no.' } } : {}),
});

beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(800);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(600);
  useAppStore.setState({ accounts: [{ id: KEPT, kind: 'generic', label: 'Kept' } as AccountSummary] });
  bridge.calls = [];
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  useTransfers.setState({ items: new Map(), order: [] });
  await switchLanguage('en');
});

describe('a transfer whose account was removed', () => {
  it('offers no Retry and says why; one whose account is there offers it', () => {
    render(<TransferList items={[transfer(1, 'failed', REMOVED), transfer(2, 'cancelled', REMOVED), transfer(3, 'failed')]} label="Transfers" onCopy={() => undefined} />);
    const [gone, goneCancelled, kept] = screen.getAllByRole('listitem');
    for (const row of [gone!, goneCancelled!]) {
      expect(within(row).queryByRole('button', { name: 'Retry' })).toBeNull();
      expect(row.textContent).toContain('Its account was removed, so it cannot be retried.');
    }
    expect(within(kept!).getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(kept!.textContent).not.toContain('account was removed');
  });

  it('is not counted by "Retry failed (N)"', async () => {
    bridge.list = [transfer(1, 'failed', REMOVED), transfer(2, 'cancelled', REMOVED), transfer(3, 'failed'), transfer(4, 'cancelled'), transfer(5, 'done')];
    render(<TransfersView />);
    expect(await screen.findByRole('button', { name: 'Retry failed (2)' })).toBeTruthy();
    useTransfers.setState({ items: new Map(), order: [] });
  });
});

describe('the keyboard focus after Cancel and Retry', () => {
  function rowWith(state: TransferState) {
    const view = render(<TransferList items={[transfer(7, state), transfer(8, 'failed')]} label="Transfers" onCopy={() => undefined} />);
    const row = () => screen.getAllByRole('listitem')[0]!;
    const becomes = (next: TransferState) => act(() => view.rerender(<TransferList items={[transfer(7, next), transfer(8, 'failed')]} label="Transfers" onCopy={() => undefined} />));
    return { row, becomes };
  }

  it('Cancel: the focus moves to the row\'s Retry once the transfer is cancelled', () => {
    const { row, becomes } = rowWith('uploading');
    const cancel = within(row()).getByRole('button', { name: 'Cancel' });
    cancel.focus();
    fireEvent.click(cancel);
    expect(bridge.calls).toContainEqual(['transfers.cancel', { ids: ['tr_0000000000000007'] }]);
    becomes('cancelled');
    expect(document.activeElement).toBe(within(row()).getByRole('button', { name: 'Retry' }));
  });

  it('Retry: the focus moves to the row\'s Cancel once it is queued, and stays in the row when none is left', () => {
    const { row, becomes } = rowWith('failed');
    const retry = within(row()).getByRole('button', { name: 'Retry' });
    retry.focus();
    fireEvent.click(retry);
    expect(bridge.calls).toContainEqual(['transfers.retry', { ids: ['tr_0000000000000007'] }]);
    becomes('queued');
    const cancel = within(row()).getByRole('button', { name: 'Cancel' });
    expect(document.activeElement).toBe(cancel);
    fireEvent.click(cancel);
    // Cancelled while its account is being removed: no button left, the row itself keeps the focus.
    useAppStore.setState({ accounts: [] });
    becomes('cancelled');
    expect(document.activeElement).toBe(row());
  });
});

describe('a download whose folder was forgotten in Settings', () => {
  const FOLDER = '/home/admin/Pictures/library';
  const forgotten = (n: number, state: TransferState): TransferItem => ({
    ...transfer(n, state),
    direction: 'download',
    retryRefused: { key: 'errors:files.folderForgotten', values: { folder: FOLDER } },
  });

  it('offers no Retry and says why, in English and Japanese; it is not counted by "Retry failed (N)"', async () => {
    bridge.list = [forgotten(1, 'failed'), forgotten(2, 'cancelled'), transfer(3, 'failed')];
    render(<TransfersView />);
    expect(await screen.findByRole('button', { name: 'Retry failed (1)' })).toBeTruthy();
    // Newest first.
    const [other, cancelled, failed] = screen.getAllByRole('listitem');
    for (const row of [failed!, cancelled!]) {
      expect(within(row).queryByRole('button', { name: 'Retry' })).toBeNull();
      expect(within(row).getByTestId('transfer-retry-refused').textContent).toBe(
        `The folder ${FOLDER} was forgotten in Settings, so this download is not saved there again. To save it there, choose the folder and download it anew.`,
      );
    }
    expect(within(other!).getByRole('button', { name: 'Retry' })).toBeTruthy();
    await act(() => switchLanguage('ja'));
    expect(within(screen.getAllByRole('listitem')[2]!).getByTestId('transfer-retry-refused').textContent).toContain(`フォルダー ${FOLDER} は設定で忘れられたため`);
  });
});

describe('"Retry failed (N)" once used', () => {
  it('hands the focus to the list when it goes disabled, not to the page', async () => {
    bridge.list = [transfer(1, 'failed'), transfer(2, 'cancelled')];
    render(<TransfersView />);
    const button = await screen.findByRole('button', { name: 'Retry failed (2)' });
    button.focus();
    fireEvent.click(button);
    expect(bridge.calls).toContainEqual(['transfers.retry', {}]);
    act(() => useTransfers.setState({ items: new Map([transfer(1, 'queued'), transfer(2, 'queued')].map((i) => [i.id, i])) }));
    expect(screen.getByRole('button', { name: 'Retry failed (0)' })).toHaveProperty('disabled', true);
    expect(document.activeElement).toBe(screen.getByLabelText('Transfers, newest first'));
  });
});
