// The clean-up screen picks up the account's run and follows it by polling: each poll asks only for the results
// after those shown, and the polling stops when the run is finished. Each result keeps its kind's icon (SVG, drawn in
// every font), and the keyboard focus that Stop had lands on the run's heading when Stop goes at the end.
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../../main/common/contract';
import type { TwilioCleanupResult, TwilioCleanupStatus } from '../../../../main/common/methods/twilio';
import { CleanupView } from '../../../../renderer/src/views/twilio/CleanupView';
import { giveScrollAreasASize, mediaSid, messageSid, renderWithQueries } from './support';

const server = vi.hoisted(() => {
  const state = { sinces: [] as number[], answer: (since: number): unknown => since };
  const bridge = {
    invoke: (method: string, args: { since?: number }) => {
      if (method === 'twilio.cleanupLatest') return Promise.resolve({ ok: true, value: state.answer(-1) });
      if (method === 'twilio.cleanupStatus') {
        state.sinces.push(args.since ?? 0);
        return Promise.resolve({ ok: true, value: state.answer(args.since ?? 0) });
      }
      return Promise.resolve({ ok: false, error: { code: 'internal', message: `unexpected call ${method}` } });
    },
    on: () => () => undefined,
  };
  window.mediaDesk = bridge as unknown as MediaDeskBridge;
  return state;
});

const result = (n: number, contentType = 'image/jpeg'): TwilioCleanupResult => ({
  messageSid: messageSid(1),
  mediaSid: mediaSid(n),
  contentType,
  dateCreated: '2025-05-10T10:00:00.000Z',
  from: '+15551234567',
  to: '+15557654321',
  status: 'deleted',
  at: '2026-12-05T16:00:00.000Z',
});

function statusAfter(since: number, all: TwilioCleanupResult[], finished: boolean): TwilioCleanupStatus {
  return {
    runId: 'cr_0123456789abcdef',
    accountId: 'acc_12345678',
    criteria: { dateFrom: '2025-05-10', dateTo: '2025-05-12' },
    state: finished ? 'finished' : 'running',
    total: 3,
    done: all.length,
    totals: { deleted: all.length, gone: 0, failed: 0, skipped: 0 },
    results: all.slice(since),
    from: since,
    stopped: false,
    excluded: 0,
    startedAt: '2026-12-05T16:00:00.000Z',
    journalPath: '/tmp/journal.jsonl',
  };
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the clean-up run', () => {
  it('shows each result once as the polls bring them, and stops polling when finished', async () => {
    giveScrollAreasASize();
    const all = [result(1), result(2), result(3)];
    let polls = 0;
    server.answer = (since) => {
      if (since < 0) return statusAfter(0, all.slice(0, 1), false);
      polls += 1;
      return statusAfter(since, all.slice(0, Math.min(3, 1 + polls)), polls >= 2);
    };
    renderWithQueries(<CleanupView accountId="acc_12345678" accountLabel="Support line" />);
    expect(await screen.findByRole('heading', { name: 'Clean-up finished' }, { timeout: 5000 })).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Result for each media item, in the order handled' });
    expect(within(list).getAllByRole('listitem').map((item) => item.getAttribute('aria-label'))).toEqual(all.map((r) => `${r.mediaSid}: Deleted`));
    expect(server.sinces).toEqual([1, 2]);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(server.sinces).toEqual([1, 2]);
  });

  it('keeps each deleted item\'s kind as an SVG icon, and gives the focus Stop had to the heading at the end', async () => {
    giveScrollAreasASize();
    const all = [result(1), result(2, 'video/mp4'), result(3, 'application/pdf')];
    let polls = 0;
    server.answer = (since) => {
      if (since < 0) return statusAfter(0, all.slice(0, 1), false);
      polls += 1;
      return statusAfter(since, all.slice(0, Math.min(3, 1 + polls)), polls >= 3);
    };
    renderWithQueries(<CleanupView accountId="acc_12345678" accountLabel="Support line" />);
    const stop = await screen.findByRole('button', { name: 'Stop' });
    stop.focus();
    const heading = await screen.findByRole('heading', { name: 'Clean-up finished' }, { timeout: 5000 });
    expect(document.activeElement).toBe(heading);
    const list = screen.getByRole('list', { name: 'Result for each media item, in the order handled' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => row.querySelector('svg')?.getAttribute('data-kind'))).toEqual(['Image', 'Video', 'File']);
    expect(list.textContent).not.toMatch(/[⎙▧▶♪]/);
  });
});
