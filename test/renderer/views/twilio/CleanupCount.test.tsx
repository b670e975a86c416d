// The clean-up's count is a job in the transfer queue: the screen shows its messages read with Cancel while it runs,
// then the plan it kept, each item with a thumbnail (images through the preview route, an icon otherwise) and a box
// to leave it out; the run is started with the items left out, and the count on the button follows them.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../../main/common/contract';
import type { TwilioCleanupPlan } from '../../../../main/common/methods/twilio';
import type { TransferItem } from '../../../../main/common/transfers';
import { CleanupView } from '../../../../renderer/src/views/twilio/CleanupView';
import { giveScrollAreasASize, mediaSid, messageSid, renderWithQueries } from './support';

const server = vi.hoisted(() => {
  const state = {
    calls: [] as Array<{ method: string; args: Record<string, unknown> }>,
    listeners: new Map<string, (payload: unknown) => void>(),
    answers: new Map<string, (args: Record<string, unknown>) => unknown>(),
  };
  const bridge = {
    invoke: (method: string, args: Record<string, unknown>) => {
      state.calls.push({ method, args });
      const answer = state.answers.get(method);
      if (answer) return Promise.resolve({ ok: true, value: answer(args) });
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

const job = (patch: Partial<TransferItem>): TransferItem => ({
  id: 'tr_00000000000000aa',
  accountId: 'acc_12345678',
  direction: 'job',
  unit: 'items',
  title: 'Count media to clean up',
  detail: 'Support line · messages read',
  state: 'queued',
  bytesDone: 0,
  bytesTotal: null,
  speed: 0,
  eta: null,
  createdAt: '2026-12-05T16:00:00.000Z',
  ...patch,
});

const item = (n: number, contentType: string) => ({ messageSid: messageSid(1), mediaSid: mediaSid(n), contentType, dateCreated: '2025-05-10T10:00:00.000Z', from: '+15551234567', to: '+15557654321' });
const plan: TwilioCleanupPlan = {
  planId: 'cp_0123456789abcdef',
  criteria: { dateFrom: '2025-05-10', dateTo: '2025-05-12' },
  count: 3,
  messagesScanned: 40,
  items: [item(1, 'image/jpeg'), item(2, 'video/mp4'), item(3, 'image/png')],
  plannedAt: '2026-12-05T16:00:00.000Z',
};

function emit(changed: TransferItem[]) {
  act(() => server.listeners.get('transfers.changed')?.({ changed, summary: { active: 0, progress: null } }));
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the clean-up count', () => {
  it('runs as a job with progress and Cancel, then lists what it found with thumbnails and a box per item', async () => {
    giveScrollAreasASize();
    server.answers.set('twilio.cleanupLatest', () => null);
    server.answers.set('twilio.cleanupPlan', () => job({}));
    server.answers.set('transfers.cancel', () => undefined);
    server.answers.set('twilio.cleanupGetPlan', () => plan);
    server.answers.set('twilio.previewUrl', (args) => ({ url: `/media/preview-${String(args.mediaSid)}` }));
    server.answers.set('twilio.cleanupStart', () => {
      throw new Error('not reached in this test');
    });
    renderWithQueries(<CleanupView accountId="acc_12345678" accountLabel="Support line" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Count' }));

    emit([job({ state: 'working', bytesDone: 1234 })]);
    expect(await screen.findByText('1,234 messages read so far')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(server.calls.find((c) => c.method === 'transfers.cancel')?.args).toEqual({ ids: ['tr_00000000000000aa'] });

    emit([job({ state: 'done', bytesDone: 40, bytesTotal: 40, result: { ref: plan.planId } })]);
    const list = await screen.findByRole('list', { name: 'Media the clean-up would delete' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(3);
    // Images come through the preview route, asked for by the rows on screen; the video gets an icon, no request.
    await vi.waitFor(() => expect(rows[0]?.querySelector('img')?.getAttribute('src')).toBe(`/media/preview-${mediaSid(1)}`));
    expect(rows[1]?.querySelector('img')).toBeNull();
    expect(rows[1]?.querySelector('.clean-thumb-icon svg')?.getAttribute('data-kind')).toBe('Video');
    expect(server.calls.filter((c) => c.method === 'twilio.previewUrl').map((c) => c.args.mediaSid).sort()).toEqual([mediaSid(1), mediaSid(3)]);

    expect(screen.getByRole('button', { name: 'Delete 3 media' })).toBeTruthy();
    fireEvent.click(within(list).getByRole('checkbox', { name: `Delete ${mediaSid(2)}` }));
    expect(screen.getByRole('button', { name: 'Delete 2 media' })).toBeTruthy();
    expect(within(list).getByRole('listitem', { name: `${mediaSid(2)}: left out` })).toBeTruthy();
  });

  it('starts the run with the items left out', async () => {
    giveScrollAreasASize();
    server.calls.length = 0;
    server.answers.set('twilio.cleanupLatest', () => null);
    server.answers.set('twilio.cleanupPlan', () => job({ id: 'tr_00000000000000bb' }));
    server.answers.set('twilio.cleanupGetPlan', () => plan);
    server.answers.set('twilio.previewUrl', () => ({ url: '/media/x' }));
    const started = {
      runId: 'cr_0123456789abcdef',
      jobId: 'tr_00000000000000dd',
      accountId: 'acc_12345678',
      criteria: plan.criteria,
      state: 'finished',
      total: 2,
      done: 2,
      totals: { deleted: 2, gone: 0, failed: 0, skipped: 0 },
      results: [],
      from: 0,
      stopped: false,
      excluded: 1,
      startedAt: '2026-12-05T16:00:00.000Z',
      finishedAt: '2026-12-05T16:00:01.000Z',
      journalPath: '/tmp/journal.jsonl',
    };
    server.answers.set('twilio.cleanupStart', () => started);
    server.answers.set('twilio.cleanupStatus', () => started);
    renderWithQueries(<CleanupView accountId="acc_12345678" accountLabel="Support line" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Count' }));
    await vi.waitFor(() => expect(server.calls.some((c) => c.method === 'twilio.cleanupPlan')).toBe(true));
    emit([job({ id: 'tr_00000000000000bb', state: 'done', bytesDone: 40, bytesTotal: 40, result: { ref: plan.planId } })]);
    const list = await screen.findByRole('list', { name: 'Media the clean-up would delete' });
    fireEvent.click(within(list).getByRole('checkbox', { name: `Delete ${mediaSid(3)}` }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete 2 media' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete 2 media items?' });
    expect(confirm.textContent).toContain('except the 1 item you left out');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete 2 media' }));
    await vi.waitFor(() => expect(server.calls.find((c) => c.method === 'twilio.cleanupStart')?.args).toEqual({ accountId: 'acc_12345678', planId: plan.planId, exclude: [mediaSid(3)] }));
    expect(await screen.findByText(/1 item left out by you/)).toBeTruthy();
  });
});
