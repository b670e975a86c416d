// What a Twilio download says, where no Transfers panel is on screen: queued, then saved (and where) or failed
// (and why) when the queue says the transfers ended; nothing saved after "Cancel all" at the conflict question,
// in the library's words.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../../main/common/contract';
import type { TransferItem } from '../../../../main/common/transfers';
import { NoticeRegion } from '../../../../renderer/src/components/NoticeRegion';
import { useNoticeStore } from '../../../../renderer/src/store/notices-store';
import { useTransfers } from '../../../../renderer/src/store/transfers-store';
import { TwilioPanel } from '../../../../renderer/src/views/twilio/TwilioPanel';
import { account, giveScrollAreasASize, media, message, renderWithQueries } from './support';

const server = vi.hoisted(() => {
  const state = { taken: [] as string[], queued: [] as string[], message: undefined as unknown, media: [] as unknown[] };
  const answer = (method: string, args: Record<string, unknown>): unknown => {
    if (method === 'twilio.listMessages') return { items: [state.message], nextPageUri: null };
    if (method === 'twilio.listMedia') return { items: state.media, nextPageUri: null };
    if (method === 'files.pickFolder') return { grantId: 'fg_downloads', path: '/home/me/Downloads', picked: true };
    if (method === 'files.findExisting') return state.taken;
    if (method === 'twilio.download') return (args.items as unknown[]).map((_, i) => ({ id: (state.queued[i] = `tr_${i}`) }));
    throw new Error(`unexpected call ${method}`);
  };
  window.mediaDesk = {
    invoke: (method: string, args: Record<string, unknown>) => Promise.resolve({ ok: true, value: answer(method, args) }),
    on: () => () => undefined,
  } as unknown as MediaDeskBridge;
  return state;
});

const first = message(1, 2);
const items = [media(1, first.sid), media(2, first.sid)];

beforeEach(() => {
  giveScrollAreasASize();
  server.message = first;
  server.media = items;
  server.taken = [];
  server.queued = [];
});

afterEach(() => {
  cleanup();
  useNoticeStore.setState({ notices: [] });
  useTransfers.setState({ items: new Map(), order: [] });
  vi.restoreAllMocks();
});

const notices = () => screen.getByRole('region', { name: 'Notifications' });

async function downloadAll() {
  renderWithQueries(
    <>
      <TwilioPanel account={account} />
      <NoticeRegion />
    </>,
  );
  fireEvent.click(await screen.findByText('Message 1'));
  fireEvent.click(await screen.findByRole('button', { name: 'Download all…' }));
}

/** The queue's word on the transfers, as its events would bring it. */
function ended(states: Array<Pick<TransferItem, 'state' | 'error'>>) {
  const list = server.queued.map((id, i): TransferItem => ({
    id, accountId: account.id, direction: 'download', title: items[i]!.fileName, detail: '', bytesDone: 0, bytesTotal: null, speed: 0, eta: null, createdAt: '2026-12-05T15:03:00Z', ...states[i]!,
  }));
  act(() => useTransfers.setState({ items: new Map(list.map((t) => [t.id, t])), order: list.map((t) => t.id) }));
}

describe('a Twilio download’s notices', () => {
  it('says the downloads were queued, then where they went once they are done', async () => {
    await downloadAll();
    await waitFor(() => expect(notices().textContent).toContain('Downloading 2 files to /home/me/Downloads.'));
    ended([{ state: 'downloading' }, { state: 'done' }]);
    expect(notices().textContent).toContain('Downloading 2 files');
    ended([{ state: 'done' }, { state: 'done' }]);
    await waitFor(() => expect(notices().textContent).toContain('2 files downloaded to /home/me/Downloads.'));
    expect(notices().textContent).not.toContain('Downloading');
    expect(notices().querySelector('.notice-ok')).not.toBeNull();
  });

  it('says which downloads failed and why, and keeps saying it', async () => {
    await downloadAll();
    await waitFor(() => expect(server.queued).toHaveLength(2));
    ended([{ state: 'done' }, { state: 'failed', error: { code: 'network', message: 'The connection was reset.' } }]);
    await waitFor(() => expect(notices().textContent).toContain('1 of 2 downloads to /home/me/Downloads failed:'));
    expect(notices().textContent).toContain(`${items[1]!.fileName}: The connection was reset.`);
    expect(notices().querySelector('.notice-error')).not.toBeNull();
  });

  it('says downloads cancelled in the queue saved only some files', async () => {
    await downloadAll();
    await waitFor(() => expect(server.queued).toHaveLength(2));
    ended([{ state: 'done' }, { state: 'cancelled' }]);
    await waitFor(() => expect(notices().textContent).toContain('Download cancelled: 1 of 2 files saved to /home/me/Downloads.'));
  });

  it('says nothing was saved after "Cancel all" at the conflict question, as the library does', async () => {
    server.taken = [items[0]!.fileName];
    await downloadAll();
    const question = await screen.findByTestId('conflict-dialog');
    fireEvent.click(within(question).getByRole('button', { name: 'Cancel all' }));
    await waitFor(() => expect(notices().textContent).toContain('Download cancelled: nothing was saved.'));
    expect(server.queued).toEqual([]);
  });

  it('says nothing was downloaded when every name was skipped', async () => {
    server.taken = [items[0]!.fileName, items[1]!.fileName];
    await downloadAll();
    const question = await screen.findByTestId('conflict-dialog');
    fireEvent.click(within(question).getByLabelText(/Do the same/));
    fireEvent.click(within(question).getByRole('button', { name: 'Skip' }));
    await waitFor(() => expect(notices().textContent).toContain('Nothing was downloaded: every file was skipped.'));
  });
});
