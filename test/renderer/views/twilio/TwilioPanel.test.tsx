// The Twilio viewer as a user meets it: the list's loading, empty and error states, the media grid after a deletion
// (the new list, labels that do not renumber), Backspace that never deletes, and the XML resource indented; the
// keyboard focus after Download and Delete in the preview.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../../main/common/contract';
import type { TwilioMediaView, TwilioMessageView } from '../../../../main/common/methods/twilio';
import { NoticeRegion } from '../../../../renderer/src/components/NoticeRegion';
import { useNoticeStore } from '../../../../renderer/src/store/notices-store';
import { useTransfers } from '../../../../renderer/src/store/transfers-store';
import { TwilioPanel } from '../../../../renderer/src/views/twilio/TwilioPanel';
import { account, giveScrollAreasASize, media, message, renderWithQueries } from './support';

type Answer = (args: Record<string, unknown>) => unknown;

const server = vi.hoisted(() => {
  const state = {
    handlers: new Map<string, Answer>(),
    calls: [] as Array<{ method: string; args: Record<string, unknown> }>,
  };
  const bridge = {
    invoke: async (method: string, args: Record<string, unknown>) => {
      state.calls.push({ method, args });
      const handler = state.handlers.get(method);
      if (!handler) return { ok: false, error: { code: 'internal', message: `unexpected call ${method}` } };
      try {
        return { ok: true, value: await handler(args) };
      } catch (err) {
        return { ok: false, error: { code: 'remote', message: err instanceof Error ? err.message : String(err) } };
      }
    },
    on: () => () => undefined,
  };
  window.mediaDesk = bridge as unknown as MediaDeskBridge;
  return state;
});


let messages: TwilioMessageView[];
let mediaOf: Map<string, TwilioMediaView[]>;

function serveAccount() {
  server.handlers.set('twilio.listMessages', () => ({ items: messages, nextPageUri: null }));
  server.handlers.set('twilio.listMedia', (args) => ({ items: mediaOf.get(String(args.messageSid)) ?? [], nextPageUri: null }));
  server.handlers.set('twilio.deleteMedia', (args) => {
    const list = mediaOf.get(String(args.messageSid)) ?? [];
    mediaOf.set(String(args.messageSid), list.filter((m) => m.sid !== args.mediaSid));
    messages = messages.map((m) => (m.sid === args.messageSid ? { ...m, numMedia: (m.numMedia ?? 0) - 1 } : m));
    return undefined;
  });
}

beforeEach(() => {
  giveScrollAreasASize();
  server.handlers.clear();
  server.calls.length = 0;
  const first = message(1, 3);
  messages = [first, message(2, 0)];
  mediaOf = new Map([[first.sid, [media(1, first.sid), media(2, first.sid, 'video/mp4'), media(3, first.sid)]]]);
  serveAccount();
});

afterEach(() => {
  cleanup();
  useNoticeStore.setState({ notices: [] });
  useTransfers.setState({ items: new Map(), order: [] });
  vi.restoreAllMocks();
});

const messageList = () => screen.getByRole('listbox', { name: 'Messages, newest first' });
const grid = () => screen.getByRole('listbox', { name: 'Media of the message' });
const tileCaptions = () => within(grid()).getAllByRole('option').map((tile) => tile.querySelector('.twilio-tile-caption')?.textContent);

async function openFirstMessage() {
  fireEvent.click(await within(messageList()).findByText('Message 1'));
  await waitFor(() => expect(within(grid()).getAllByRole('option')).toHaveLength(3));
}

describe('the message list', () => {
  it('says it is loading until the first page arrives', async () => {
    let answer: (value: unknown) => void = () => undefined;
    server.handlers.set('twilio.listMessages', () => new Promise((resolve) => (answer = resolve)));
    renderWithQueries(<TwilioPanel account={account} />);
    expect(await screen.findByText('Loading messages…')).toBeTruthy();
    act(() => answer({ items: messages, nextPageUri: null }));
    expect(await screen.findByText('2 messages, all loaded')).toBeTruthy();
  });

  it('says there are no messages yet, rather than showing an empty box', async () => {
    messages = [];
    renderWithQueries(<TwilioPanel account={account} />);
    expect(await screen.findByText(/^No messages yet\./)).toBeTruthy();
    expect(screen.queryByRole('listbox', { name: 'Messages, newest first' })).toBeNull();
  });

  it('shows Twilio’s refusal, and reads again on Try again', async () => {
    server.handlers.set('twilio.listMessages', () => Promise.reject(new Error('Twilio refused the credentials (20003).')));
    renderWithQueries(<TwilioPanel account={account} />);
    expect((await screen.findByRole('alert')).textContent).toContain('Twilio refused the credentials (20003).');
    serveAccount();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await within(await screen.findByRole('listbox', { name: 'Messages, newest first' })).findByText('Message 1')).toBeTruthy();
  });
});

describe('what a Twilio console user looks for', () => {
  it('shows each message’s direction, status and error code', async () => {
    messages = [{ ...message(1, 0), direction: 'outbound-api', status: 'undelivered', errorCode: 30003, errorMessage: 'Unreachable destination handset' }];
    renderWithQueries(<TwilioPanel account={account} />);
    const row = (await within(messageList()).findByText('Message 1')).closest('[role="option"]') as HTMLElement;
    expect(row.querySelector('.twilio-msg-facts')?.textContent).toBe('Sentundeliverederror 30003');
    expect(within(row).getByText('error 30003').getAttribute('title')).toBe('Unreachable destination handset');
  });

  it('finds a message by its SID, and refuses what is not one', async () => {
    server.handlers.set('twilio.getMessage', (args) => {
      const found = messages.find((m) => m.sid === args.messageSid);
      if (!found) throw new Error('not found');
      return found;
    });
    renderWithQueries(<TwilioPanel account={account} />);
    await within(messageList()).findByText('Message 1');
    const sidField = screen.getByRole('searchbox', { name: 'Message SID' });
    fireEvent.change(sidField, { target: { value: 'SM123' } });
    expect(screen.getByRole('alert').textContent).toContain('A message SID is SM or MM');
    fireEvent.change(sidField, { target: { value: messages[1]!.sid } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('1 message, all loaded')).toBeTruthy();
    expect(within(messageList()).getByText('Message 2')).toBeTruthy();
    expect(server.calls.filter((c) => c.method === 'twilio.getMessage').map((c) => c.args.messageSid)).toEqual([messages[1]!.sid]);
  });
});

describe('the media grid', () => {
  it('after a deletion shows the new list, the list’s count follows, and the other tiles keep their names', async () => {
    renderWithQueries(
      <>
        <TwilioPanel account={account} />
        <NoticeRegion />
      </>,
    );
    await openFirstMessage();
    expect(tileCaptions()).toEqual(['JPEG MEb000…0001', 'MP4 MEb000…0002', 'JPEG MEb000…0003']);

    const first = within(grid()).getAllByRole('option')[0]!;
    fireEvent.keyDown(first, { key: 'Delete' });
    const confirm = await screen.findByRole('dialog', { name: 'Delete JPEG MEb000…0001?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete media' }));

    await waitFor(() => expect(tileCaptions()).toEqual(['MP4 MEb000…0002', 'JPEG MEb000…0003']));
    const notices = within(screen.getByRole('region', { name: 'Notifications' }));
    expect(await notices.findByText('Deleted JPEG MEb000…0001 from Twilio.')).toBeTruthy();
    expect(within(messageList()).getByText('2 media')).toBeTruthy();
    // The grid was read again after the deletion, not only edited in place.
    await waitFor(() => expect(server.calls.filter((c) => c.method === 'twilio.listMedia')).toHaveLength(2));
    // Said about this message: gone when another message is shown.
    fireEvent.click(within(messageList()).getByText('Message 2'));
    await waitFor(() => expect(notices.queryByText(/^Deleted/)).toBeNull());
  });

  it('says in front of the preview that a deletion failed, and why', async () => {
    server.handlers.set('twilio.deleteMedia', () => {
      throw new Error('Twilio error 20404: The requested resource was not found');
    });
    renderWithQueries(
      <>
        <TwilioPanel account={account} />
        <NoticeRegion />
      </>,
    );
    await openFirstMessage();
    fireEvent.keyDown(within(grid()).getAllByRole('option')[0]!, { key: 'Enter' });
    const preview = await screen.findByRole('dialog', { name: 'JPEG MEb000…0001' });
    fireEvent.click(within(preview).getByRole('button', { name: 'Delete…' }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'Delete JPEG MEb000…0001?' })).getByRole('button', { name: 'Delete media' }));
    await waitFor(() => expect(preview.querySelector('.notice-region')?.textContent).toContain('JPEG MEb000…0001 was not deleted: Twilio error 20404'));
    expect(tileCaptions()).toHaveLength(3);
  });

  it('says a download started in front of the preview, and where it went when it ends', async () => {
    server.handlers.set('files.pickFolder', () => ({ grantId: 'fg_downloads', path: '/home/me/Downloads', picked: true }));
    server.handlers.set('files.findExisting', () => []);
    const transfer = { id: 'tr_9', accountId: account.id, direction: 'download', title: 'x.jpg', detail: '', state: 'queued', bytesDone: 0, bytesTotal: null, speed: 0, eta: null, createdAt: '2026-12-05T15:03:00Z' } as const;
    server.handlers.set('twilio.download', () => [transfer]);
    renderWithQueries(
      <>
        <TwilioPanel account={account} />
        <NoticeRegion />
      </>,
    );
    await openFirstMessage();
    fireEvent.keyDown(within(grid()).getAllByRole('option')[0]!, { key: 'Enter' });
    const preview = await screen.findByRole('dialog', { name: 'JPEG MEb000…0001' });
    fireEvent.click(within(preview).getByRole('button', { name: 'Download…' }));
    // In the preview dialog, where it is seen and can be dismissed (not behind the dialog).
    await waitFor(() => expect(preview.querySelector('.notice-region')?.textContent).toContain('Downloading 1 file to /home/me/Downloads.'));
    // The queue says the download is done (as its event would).
    act(() => useTransfers.setState({ items: new Map([[transfer.id, { ...transfer, state: 'done' }]]), order: [transfer.id] }));
    await waitFor(() => expect(screen.getByRole('region', { name: 'Notifications' }).textContent).toContain('1 file downloaded to /home/me/Downloads.'));
    expect(screen.getByRole('region', { name: 'Notifications' }).textContent).not.toContain('Downloading');
  });

  it('never deletes on Backspace; Delete asks, Enter opens, the arrows move', async () => {
    renderWithQueries(<TwilioPanel account={account} />);
    await openFirstMessage();
    const tiles = within(grid()).getAllByRole('option');
    fireEvent.keyDown(tiles[0]!, { key: 'Backspace' });
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.keyDown(tiles[0]!, { key: 'ArrowRight' });
    await waitFor(() => expect(within(grid()).getAllByRole('option')[1]!.getAttribute('aria-selected')).toBe('true'));
    fireEvent.keyDown(within(grid()).getAllByRole('option')[1]!, { key: 'Delete' });
    expect(await screen.findByRole('dialog', { name: 'Delete MP4 MEb000…0002?' })).toBeTruthy();
    expect(server.calls.some((c) => c.method === 'twilio.deleteMedia')).toBe(false);
  });

  it('shows the XML resource indented, one element a line', async () => {
    server.handlers.set('twilio.getMediaXml', (args) => ({
      xml: `<?xml version="1.0" encoding="UTF-8"?><TwilioResponse><Media><Sid>${String(args.mediaSid)}</Sid><Uri>/a?b=1&amp;c=2</Uri></Media></TwilioResponse>`,
    }));
    renderWithQueries(<TwilioPanel account={account} />);
    await openFirstMessage();
    fireEvent.keyDown(within(grid()).getAllByRole('option')[0]!, { key: 'Enter' });
    const preview = await screen.findByRole('dialog', { name: 'JPEG MEb000…0001' });
    fireEvent.click(within(preview).getByRole('tab', { name: 'XML' }));
    const code = await within(preview).findByLabelText('The media resource as XML');
    expect(code.textContent?.split('\n')).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<TwilioResponse>',
      '  <Media>',
      `    <Sid>MEb0000000000000000000000000000001</Sid>`,
      '    <Uri>/a?b=1&amp;c=2</Uri>',
      '  </Media>',
      '</TwilioResponse>',
    ]);
  });
});

describe('the keyboard focus after acting in the preview', () => {
  async function openPreview() {
    renderWithQueries(<TwilioPanel account={account} />);
    await openFirstMessage();
    fireEvent.keyDown(within(grid()).getAllByRole('option')[0]!, { key: 'Enter' });
    return screen.findByRole('dialog', { name: 'JPEG MEb000…0001' });
  }
  async function deleteFrom(preview: HTMLElement) {
    const del = within(preview).getByRole('button', { name: 'Delete…' });
    del.focus();
    fireEvent.click(del);
    await press(within(await screen.findByRole('dialog', { name: 'Delete JPEG MEb000…0001?' })).getByRole('button', { name: 'Delete media' }));
    await waitFor(() => expect(server.calls.some((c) => c.method === 'twilio.deleteMedia')).toBe(true));
  }
  /** As a click in a browser: the button takes the focus, then acts. */
  const press = async (button: HTMLElement) => {
    await act(async () => button.focus());
    fireEvent.click(button);
  };

  it('Download: back on the preview\'s Download once the folder step is done', async () => {
    server.handlers.set('files.pickFolder', () => ({ grantId: 'fg_downloads', path: '/home/me/Downloads', picked: false }));
    server.handlers.set('files.findExisting', () => []);
    server.handlers.set('twilio.download', () => []);
    const preview = await openPreview();
    const download = within(preview).getByRole('button', { name: 'Download…' });
    download.focus();
    fireEvent.click(download);
    await press(within(await screen.findByRole('dialog', { name: 'Download 1 file' })).getByRole('button', { name: 'Download' }));
    await waitFor(() => expect(server.calls.some((c) => c.method === 'twilio.download')).toBe(true));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Download 1 file' })).toBeNull());
    expect(document.activeElement).toBe(download);
  });

  it('Delete with more media left: the preview shows the next one and keeps the focus', async () => {
    const preview = await openPreview();
    await deleteFrom(preview);
    await waitFor(() => expect(within(preview).getByRole('heading', { level: 2 }).textContent).toBe('MP4 MEb000…0002'));
    expect(document.activeElement).toBe(within(preview).getByRole('button', { name: 'Delete…' }));
  });

  it('Delete of the last media: the preview closes and the sentence saying none is left has the focus', async () => {
    mediaOf.set(messages[0]!.sid, [media(1, messages[0]!.sid)]);
    messages = [{ ...messages[0]!, numMedia: 1 }, messages[1]!];
    renderWithQueries(<TwilioPanel account={account} />);
    fireEvent.click(await within(messageList()).findByText('Message 1'));
    await waitFor(() => expect(within(grid()).getAllByRole('option')).toHaveLength(1));
    fireEvent.keyDown(within(grid()).getAllByRole('option')[0]!, { key: 'Enter' });
    await deleteFrom(await screen.findByRole('dialog', { name: 'JPEG MEb000…0001' }));
    const none = await screen.findByText(/^This message has no media/);
    await waitFor(() => expect(document.activeElement).toBe(none));
  });
});
