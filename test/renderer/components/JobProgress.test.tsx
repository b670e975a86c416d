// A job over many items as the Transfers view and the views that start one show it: n of N with a bar and Cancel
// while it runs; once ended, what happened to how many items, and each item's result with the server's reason.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../main/common/contract';
import type { JobItemResult, TransferItem } from '../../../main/common/transfers';
import { JobProgress } from '../../../renderer/src/components/JobProgress';
import { TransferList } from '../../../renderer/src/components/TransferList';

const calls = vi.hoisted(() => {
  const list: Array<{ method: string; args: unknown }> = [];
  window.mediaDesk = {
    invoke: (method: string, args: unknown) => {
      list.push({ method, args });
      return Promise.resolve({ ok: true, value: undefined });
    },
    on: () => () => undefined,
  } as unknown as MediaDeskBridge;
  return list;
});

const job = (patch: Partial<TransferItem>): TransferItem => ({
  id: 'tr_00000000000000aa',
  accountId: 'acc_12345678',
  direction: 'job',
  unit: 'items',
  title: 'Access list on folder and 2000 files',
  detail: 'Library · in photos',
  state: 'working',
  bytesDone: 500,
  bytesTotal: 2000,
  speed: 0,
  eta: null,
  createdAt: '2026-12-05T16:00:00.000Z',
  ...patch,
});

const results: JobItemResult[] = [
  { name: 'photos', outcome: 'ok' },
  { name: 'photos/a.jpg', outcome: 'ok' },
  { name: 'photos/locked.jpg', outcome: 'refused', code: 'forbidden', message: 'You may not change the access list of "photos/locked.jpg".' },
  { name: 'photos/z.jpg', outcome: 'cancelled', message: 'Not started: the job was cancelled.' },
];

afterEach(() => {
  cleanup();
  calls.length = 0;
});

describe('a job in progress', () => {
  it('shows n of N with a bar, and Cancel asks the queue to cancel it', () => {
    render(<JobProgress item={job({})} />);
    expect(screen.getByRole('status').textContent).toBe('500 of 2,000 items');
    const bar = screen.getByRole('progressbar');
    expect([bar.getAttribute('value'), bar.getAttribute('max'), bar.getAttribute('aria-valuetext')]).toEqual(['500', '2000', '500 of 2,000 items']);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(calls).toEqual([{ method: 'transfers.cancel', args: { ids: ['tr_00000000000000aa'] } }]);
  });

  it('once cancelled, says what was done and what was not, item by item', () => {
    render(<JobProgress item={job({ state: 'cancelled', bytesDone: 3, result: { items: results }, error: { code: 'cancelled', message: 'Cancelled after 3 of 4 items.' } })} />);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Cancelled: 2 done · 1 refused · 1 not done (cancelled). The items not done were left as they were.');
    fireEvent.click(screen.getByText('Result for each of the 4 items'));
    const list = screen.getByRole('list', { name: 'Result for each of the 4 items' });
    // Those that did not succeed come first, each with its reason.
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Refusedphotos/locked.jpgYou may not change the access list of "photos/locked.jpg".',
      'Not donephotos/z.jpgNot started: the job was cancelled.',
      'Donephotos',
      'Donephotos/a.jpg',
    ]);
  });
});

describe('a job in the Transfers view', () => {
  it('shows its n of N while working, and its result per item when it has ended', () => {
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(800);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(600);
    const ended = job({ id: 'tr_00000000000000bb', state: 'done', bytesDone: 4, bytesTotal: 4, result: { items: results.slice(0, 3) } });
    render(<TransferList items={[job({}), ended]} label="Transfers" onCopy={() => undefined} />);
    const [running, done] = screen.getAllByRole('listitem');
    expect(running?.getAttribute('aria-label')).toBe('Access list on folder and 2000 files: Working');
    expect(running?.textContent).toContain('500 of 2,000 items');
    expect(within(running as HTMLElement).getByRole('progressbar').getAttribute('value')).toBe('25');
    expect(within(running as HTMLElement).getByRole('button', { name: 'Cancel' })).toBeTruthy();
    expect(done?.textContent).toContain('2 done · 1 refused: the result for each item');
    fireEvent.click(within(done as HTMLElement).getByText('2 done · 1 refused: the result for each item'));
    expect(within(done as HTMLElement).getByText('You may not change the access list of "photos/locked.jpg".')).toBeTruthy();
    vi.restoreAllMocks();
  });
});
