// While the browser host is gone, "Retry failed" and "Clear finished" could only meet "not reachable": they are
// disabled, and say why (their description, on the page, and their tooltip), in English and Japanese; they come back
// when the host does.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '../../../main/common/accounts';
import type { MediaDeskBridge } from '../../../main/common/contract';
import type { TransferItem } from '../../../main/common/transfers';
import { switchLanguage } from '../../../renderer/src/i18n';
import { useAppStore } from '../../../renderer/src/store/app-store';
import { useHost } from '../../../renderer/src/store/host-store';
import { useTransfers } from '../../../renderer/src/store/transfers-store';
import { TransfersView } from '../../../renderer/src/views/TransfersView';

const ACCOUNT = 'acc_kept0001';
const failed: TransferItem = {
  id: 'tr_0000000000000001',
  accountId: ACCOUNT,
  direction: 'upload',
  title: 'clip.mp4',
  detail: 'My upload · to +15551234567',
  state: 'failed',
  bytesDone: 0,
  bytesTotal: 1000,
  speed: 0,
  eta: null,
  createdAt: '2026-12-05T16:00:00.000Z',
  error: { code: 'remote', message: 'The server said no.' },
};

vi.hoisted(() => {
  window.mediaDesk = {
    invoke: (method: string) =>
      Promise.resolve(method === 'transfers.list' ? { ok: true, value: { items: [], summary: { active: 0, progress: null } } } : { ok: true, value: [] }),
    on: () => () => undefined,
  } as unknown as MediaDeskBridge;
});

beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(800);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(600);
  useAppStore.setState({ accounts: [{ id: ACCOUNT, kind: 'generic', label: 'Kept' } as AccountSummary] });
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  useHost.setState({ state: 'connected' });
  useTransfers.setState({ items: new Map(), order: [] });
  await switchLanguage('en');
});

/** The view with one failed transfer listed, once its first read (empty here) has come back. */
async function showWithFailed() {
  render(<TransfersView />);
  await act(async () => undefined);
  act(() => useTransfers.setState({ items: new Map([[failed.id, failed]]), order: [failed.id] }));
}

const describedBy = (button: HTMLElement) => document.getElementById(button.getAttribute('aria-describedby') ?? '-')?.textContent;

describe('"Retry failed" and "Clear finished" while the browser host is gone', () => {
  it('are disabled and say why, and work again once it is back', async () => {
    await showWithFailed();
    const retry = screen.getByRole('button', { name: 'Retry failed (1)' });
    const clear = screen.getByRole('button', { name: 'Clear finished' });
    expect([retry, clear].map((b) => (b as HTMLButtonElement).disabled)).toEqual([false, false]);
    expect(retry.getAttribute('aria-describedby')).toBeNull();

    act(() => useHost.setState({ state: 'gone' }));
    const why = 'Retry and Clear finished wait for the browser host: they are back once it is connected again.';
    for (const button of [retry, clear]) {
      expect((button as HTMLButtonElement).disabled).toBe(true);
      expect(button.getAttribute('title')).toBe(why);
      expect(describedBy(button)).toBe(why);
    }
    act(() => useHost.setState({ state: 'signed-out' }));
    expect((clear as HTMLButtonElement).disabled).toBe(true);

    act(() => useHost.setState({ state: 'connected' }));
    expect([retry, clear].map((b) => (b as HTMLButtonElement).disabled)).toEqual([false, false]);
    expect(screen.queryByText(why)).toBeNull();
  });

  it('say why in Japanese', async () => {
    await switchLanguage('ja');
    await showWithFailed();
    act(() => useHost.setState({ state: 'gone' }));
    const clear = screen.getByRole('button', { name: '終了分をクリア' });
    expect((clear as HTMLButtonElement).disabled).toBe(true);
    expect(describedBy(clear)).toBe('再試行と終了分のクリアは、ブラウザーホストに再接続すると使えるようになります。');
  });
});
