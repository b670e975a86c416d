// The clean-up screen picks up the account's run and follows its job in the transfer queue: each of the job's events
// brings the results after those shown (nothing is asked for between events: no polling), Stop is the job's Cancel,
// and the run ends with the job. Each result keeps its kind's icon (SVG, drawn in every font), and the keyboard
// focus that Stop had lands on the run's heading when Stop goes at the end.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../../main/common/contract';
import type { TwilioCleanupResult, TwilioCleanupStatus } from '../../../../main/common/methods/twilio';
import type { TransferItem } from '../../../../main/common/transfers';
import { CleanupView } from '../../../../renderer/src/views/twilio/CleanupView';
import { giveScrollAreasASize, mediaSid, messageSid, renderWithQueries } from './support';

const server = vi.hoisted(() => {
  const state = {
    sinces: [] as number[],
    calls: [] as Array<{ method: string; args: unknown }>,
    answer: (since: number): unknown => since,
    listeners: new Map<string, (payload: unknown) => void>(),
  };
  const bridge = {
    invoke: (method: string, args: { since?: number }) => {
      state.calls.push({ method, args });
      if (method === 'twilio.cleanupLatest') return Promise.resolve({ ok: true, value: state.answer(-1) });
      if (method === 'twilio.cleanupStatus') {
        state.sinces.push(args.since ?? 0);
        return Promise.resolve({ ok: true, value: state.answer(args.since ?? 0) });
      }
      if (method === 'transfers.cancel') return Promise.resolve({ ok: true, value: undefined });
      return Promise.resolve({ ok: false, error: { code: 'internal', message: `unexpected call ${method}` } });
    },
    on: (event: string, listener: (payload: unknown) => void) => {
      state.listeners.set(event, listener);
      return () => undefined;
    },
  };
  window.mediaDesk = bridge as unknown as MediaDeskBridge;
  return state;
});

// One job per test: the transfers store outlives a test, and a job it has as ended is a run over.
let JOB_ID = 'tr_00000000000000cc';

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
    jobId: JOB_ID,
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

const job = (patch: Partial<TransferItem>): TransferItem => ({
  id: JOB_ID,
  accountId: 'acc_12345678',
  direction: 'job',
  unit: 'items',
  title: 'Delete Twilio media, 2025-05-10 to 2025-05-12',
  detail: 'Support line · media deleted',
  state: 'working',
  bytesDone: 0,
  bytesTotal: 3,
  speed: 0,
  eta: null,
  createdAt: '2026-12-05T16:00:00.000Z',
  startedAt: '2026-12-05T16:00:00.000Z',
  ...patch,
});

function emit(changed: TransferItem[]) {
  act(() => server.listeners.get('transfers.changed')?.({ changed, summary: { active: 0, progress: null } }));
}

/** main as the test moves it: the results it has so far, and whether the run is over. */
function mainHas(all: TwilioCleanupResult[], jobId: string) {
  JOB_ID = jobId;
  const now = { shown: 1, finished: false };
  server.answer = (since) => (since < 0 ? statusAfter(0, all.slice(0, 1), false) : statusAfter(since, all.slice(0, now.shown), now.finished));
  return now;
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  server.sinces.length = 0;
  server.calls.length = 0;
});

describe('the clean-up run', () => {
  it("reads each result once as the job's events come, asks for nothing between them, and ends with the job", async () => {
    giveScrollAreasASize();
    const all = [result(1), result(2), result(3)];
    const main = mainHas(all, 'tr_00000000000000c1');
    renderWithQueries(<CleanupView accountId="acc_12345678" accountLabel="Support line" />);
    expect(await screen.findByRole('heading', { name: 'Deleting media…' })).toBeTruthy();
    expect(screen.getByText('The run is also listed under Transfers, with its result for each media item.')).toBeTruthy();
    main.shown = 2;
    emit([job({ bytesDone: 2 })]);
    await vi.waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2));
    // Nothing moves without an event: no polling.
    const asked = server.sinces.length;
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(server.sinces).toHaveLength(asked);
    main.shown = 3;
    main.finished = true;
    emit([job({ state: 'done', bytesDone: 3, finishedAt: '2026-12-05T16:00:05.000Z' })]);
    expect(await screen.findByRole('heading', { name: 'Clean-up finished' })).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Result for each media item, in the order handled' });
    await vi.waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    expect(within(list).getAllByRole('listitem').map((item) => item.getAttribute('aria-label'))).toEqual(all.map((r) => `${r.mediaSid}: Deleted`));
    // Each read asked only for what came after the results shown.
    expect(new Set(server.sinces)).toEqual(new Set([1, 2]));
  });

  it("stops through the job's Cancel, keeps each item's kind as an SVG icon, and gives Stop's focus to the heading", async () => {
    giveScrollAreasASize();
    const all = [result(1), result(2, 'video/mp4'), result(3, 'application/pdf')];
    const main = mainHas(all, 'tr_00000000000000c2');
    renderWithQueries(<CleanupView accountId="acc_12345678" accountLabel="Support line" />);
    const stop = await screen.findByRole('button', { name: 'Stop' });
    stop.focus();
    fireEvent.click(stop);
    await vi.waitFor(() => expect(server.calls.find((c) => c.method === 'transfers.cancel')?.args).toEqual({ ids: [JOB_ID] }));
    main.shown = 3;
    main.finished = true;
    emit([job({ state: 'done', bytesDone: 3 })]);
    const heading = await screen.findByRole('heading', { name: 'Clean-up finished' });
    expect(document.activeElement).toBe(heading);
    const list = screen.getByRole('list', { name: 'Result for each media item, in the order handled' });
    await vi.waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => row.querySelector('svg')?.getAttribute('data-kind'))).toEqual(['Image', 'Video', 'File']);
    expect(list.textContent).not.toMatch(/[⎙▧▶♪]/);
  });
});
