// The one notice area: a notice replaces the one with the same cause, the newest is on top, the user can dismiss
// any, a view clears its own when the cause ends, and main's notices are dismissed at main too.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../main/common/contract';
import { NoticeRegion } from '../../../renderer/src/components/NoticeRegion';
import { useNoticeStore, useNoticeWhile } from '../../../renderer/src/store/notices-store';

const main = vi.hoisted(() => {
  const dismissed: unknown[] = [];
  const bridge = {
    invoke: (method: string, args: unknown) => {
      if (method === 'app.dismissNotice') dismissed.push(args);
      return Promise.resolve({ ok: true, value: undefined });
    },
    on: () => () => undefined,
  };
  window.mediaDesk = bridge as unknown as MediaDeskBridge;
  return { dismissed };
});

afterEach(() => {
  cleanup();
  useNoticeStore.setState({ notices: [] });
  main.dismissed.length = 0;
});

const shown = () => within(screen.getByRole('region', { name: 'Notifications' })).queryAllByRole('listitem').map((li) => li.textContent?.replace('×', ''));
const show = (...args: Parameters<ReturnType<typeof useNoticeStore.getState>['show']>) => act(() => void useNoticeStore.getState().show(...args));

describe('the notice area', () => {
  it('shows the newest notice first, in a polite live region', () => {
    render(<NoticeRegion />);
    show({ level: 'warn', text: 'Older warning' });
    show({ level: 'info', text: 'Newer message' });
    expect(shown()).toEqual(['Newer message', 'Older warning']);
    expect(screen.getByRole('region', { name: 'Notifications' }).getAttribute('aria-live')).toBe('polite');
  });

  it('replaces a notice with a newer one of the same cause instead of stacking them', () => {
    render(<NoticeRegion />);
    show({ key: 'upload', level: 'info', text: 'Uploading 3 files…' });
    show({ level: 'warn', text: 'Something else' });
    show({ key: 'upload', level: 'ok', text: '3 files uploaded' });
    expect(shown()).toEqual(['3 files uploaded', 'Something else']);
  });

  it('lets the user dismiss a notice, and tells main when the notice was main’s', () => {
    render(<NoticeRegion />);
    act(() => useNoticeStore.getState().fromMain([{ id: 'n1', level: 'warn', message: 'settings.json was corrupt and set aside' }]));
    show({ level: 'info', text: 'Kept' });
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: settings.json was corrupt and set aside' }));
    expect(shown()).toEqual(['Kept']);
    expect(main.dismissed).toEqual([{ id: 'n1' }]);
  });

  it('clears a view’s notice when its cause ends or the view goes', () => {
    function Uploading({ count }: { count: number }) {
      useNoticeWhile('upload', count > 0 ? { level: 'info', text: `Uploading ${count} files…` } : null);
      return null;
    }
    render(<NoticeRegion />);
    const view = render(<Uploading count={3} />);
    expect(shown()).toEqual(['Uploading 3 files…']);
    view.rerender(<Uploading count={1} />);
    expect(shown()).toEqual(['Uploading 1 files…']);
    view.rerender(<Uploading count={0} />);
    expect(shown()).toEqual([]);
    view.rerender(<Uploading count={2} />);
    view.unmount();
    expect(shown()).toEqual([]);
  });

  it('renders inside an open modal dialog, where it is not hidden behind it or inert', async () => {
    render(<NoticeRegion />);
    const dialog = document.createElement('dialog');
    document.body.append(dialog);
    dialog.showModal();
    show({ key: 'download', level: 'info', text: 'Downloading 2 media…' });
    await waitFor(() => expect(dialog.querySelector('.notice-region')?.textContent).toContain('Downloading 2 media…'));
    dialog.close();
    await waitFor(() => expect(dialog.querySelector('.notice-region')).toBeNull());
    expect(shown()).toEqual(['Downloading 2 media…']);
    dialog.remove();
  });
});

describe('how long a notice stays', () => {
  afterEach(() => vi.useRealTimers());
  const region = () => screen.getByRole('region', { name: 'Notifications' });
  const notice = (text: string) => within(region()).getByText(text).closest('li')!;
  const wait = (ms: number) => act(() => void vi.advanceTimersByTime(ms));

  it('lets news leave by itself after a few seconds, and keeps warnings, errors and main’s notices', () => {
    vi.useFakeTimers();
    render(<NoticeRegion />);
    act(() => useNoticeStore.getState().fromMain([{ id: 'n1', level: 'info', message: 'settings.json was set aside' }]));
    show({ level: 'error', text: 'The upload failed' });
    show({ level: 'warn', text: '2 files refused' });
    show({ level: 'ok', text: 'Folder created' });
    show({ level: 'info', text: 'Uploading 1 file' });
    wait(5_000);
    expect(shown()).toHaveLength(5);
    wait(1_500);
    expect(shown()).toEqual(['2 files refused', 'The upload failed', 'settings.json was set aside']);
    wait(60_000);
    expect(shown()).toEqual(['2 files refused', 'The upload failed', 'settings.json was set aside']);
    expect(main.dismissed).toEqual([]);
  });

  it('gives a notice replaced by a newer one of its cause its own full time', () => {
    vi.useFakeTimers();
    render(<NoticeRegion />);
    show({ key: 'upload', level: 'info', text: 'Preparing 1 file' });
    wait(5_000);
    show({ key: 'upload', level: 'info', text: 'Uploading 1 file' });
    wait(5_000);
    expect(shown()).toEqual(['Uploading 1 file']);
    wait(1_500);
    expect(shown()).toEqual([]);
  });

  it('stops the clock while the pointer is over the notices, and for the time left after', () => {
    vi.useFakeTimers();
    render(<NoticeRegion />);
    show({ level: 'ok', text: 'Folder created' });
    wait(4_000);
    fireEvent.mouseEnter(notice('Folder created'));
    wait(30_000);
    expect(shown()).toEqual(['Folder created']);
    fireEvent.mouseLeave(notice('Folder created'));
    wait(1_500);
    expect(shown()).toEqual(['Folder created']);
    wait(1_000);
    expect(shown()).toEqual([]);
  });

  it('stops the clock while the focus is in the notices', () => {
    vi.useFakeTimers();
    render(<NoticeRegion />);
    show({ level: 'info', text: 'Downloading 2 files' });
    const dismiss = within(notice('Downloading 2 files')).getByRole('button');
    act(() => dismiss.focus());
    wait(30_000);
    expect(shown()).toEqual(['Downloading 2 files']);
    act(() => dismiss.blur());
    wait(6_500);
    expect(shown()).toEqual([]);
  });
});
