// The activity log: searched by words, filtered by account and level, each entry with its date and time.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '../../../main/common/accounts';
import type { LogEntry, MediaDeskBridge } from '../../../main/common/contract';
import { useAppStore } from '../../../renderer/src/store/app-store';
import { ActivityView } from '../../../renderer/src/views/ActivityView';

vi.hoisted(() => {
  window.mediaDesk = { invoke: () => Promise.reject(new Error('no call expected')), on: () => () => undefined } as unknown as MediaDeskBridge;
});

const account = (id: string, label: string) => ({ id, kind: 'library', label, sandbox: false }) as AccountSummary;
const entry = (seq: number, message: string, accountId?: string, level: LogEntry['level'] = 'info'): LogEntry => ({
  seq, time: `2026-03-0${seq}T14:3${seq}:05.000Z`, level, scope: 'library', message, ...(accountId ? { accountId } : {}),
});

beforeEach(() => {
  useAppStore.setState({
    accounts: [account('acc_company1', 'Company library'), account('acc_branch01', 'Branch office')],
    log: [
      entry(1, 'Listed /voicemail (12 items)', 'acc_company1'),
      entry(2, 'Uploaded greeting.mp4', 'acc_branch01'),
      entry(3, 'Deleted /voicemail/old.wav', 'acc_company1', 'warn'),
      entry(4, 'Settings saved'),
    ],
  });
});
afterEach(cleanup);

const messages = () => within(screen.getByRole('list', { name: 'Activity entries, newest first' })).getAllByRole('listitem').map((li) => li.querySelector('.log-message')?.textContent);

describe('the activity log', () => {
  it('finds entries by words of their message, in any case and order', () => {
    render(<ActivityView />);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: 'VOICEMAIL deleted' } });
    expect(messages()).toEqual(['Company library: Deleted /voicemail/old.wav']);
  });

  it('filters by account, and says so when nothing matches', () => {
    render(<ActivityView />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Account' }), { target: { value: 'acc_company1' } });
    expect(messages()).toEqual(['Company library: Deleted /voicemail/old.wav', 'Company library: Listed /voicemail (12 items)']);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: 'greeting' } });
    expect(screen.getByText('No entry matches these filters.')).toBeTruthy();
  });

  it('shows the date with the time of each entry', () => {
    render(<ActivityView />);
    const time = screen.getByRole('list', { name: 'Activity entries, newest first' }).querySelector('time[datetime="2026-03-01T14:31:05.000Z"]');
    expect(time?.textContent).toBe(new Date('2026-03-01T14:31:05.000Z').toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' }));
    expect(time?.textContent).toMatch(/\d{1,4}\D\d{1,2}\D\d{1,4}/);
  });
});
