// Downloading Twilio media into a folder that already holds some of the names: the app's one conflict question
// (the library asks the same), Escape downloads nothing, and Replace becomes Twilio's "overwrite".
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../../main/common/contract';
import { DownloadFlow } from '../../../../renderer/src/views/twilio/DownloadFlow';
import { expectTheConflictQuestion, pressEscapeIn } from '../../components/conflict-question';
import { media, messageSid } from './support';

const main = vi.hoisted(() => {
  const state = { calls: [] as Array<{ method: string; args: Record<string, unknown> }>, taken: [] as string[] };
  const answer = (method: string, args: Record<string, unknown>): unknown => {
    if (method === 'files.pickFolder') return { grantId: 'fg_downloads', path: '/home/me/Downloads', picked: true };
    if (method === 'files.findExisting') return state.taken;
    if (method === 'twilio.download') return (args.items as unknown[]).map((_, i) => ({ id: `tr_${i}` }));
    throw new Error(`unexpected call ${method}`);
  };
  window.mediaDesk = {
    invoke: (method: string, args: Record<string, unknown>) => {
      state.calls.push({ method, args });
      return Promise.resolve({ ok: true, value: answer(method, args) });
    },
    on: () => () => undefined,
  } as unknown as MediaDeskBridge;
  return state;
});

const items = [media(1, messageSid(1)), media(2, messageSid(1)), media(3, messageSid(1))];

beforeEach(() => {
  main.calls.length = 0;
  main.taken = [items[0]!.fileName, items[2]!.fileName];
});
afterEach(cleanup);

const downloads = () => main.calls.filter((c) => c.method === 'twilio.download');

describe('a Twilio download meeting names already there', () => {
  it('asks the app’s conflict question, and Escape downloads nothing', async () => {
    const onDone = vi.fn();
    render(<DownloadFlow accountId="acc_12345678" items={items} onDone={onDone} />);
    const dialog = await screen.findByRole('dialog', { name: '2 names are already taken' });
    expectTheConflictQuestion(dialog, { name: items[0]!.fileName, others: 1 });
    pressEscapeIn(dialog);
    expect(onDone).toHaveBeenCalledWith({ kind: 'cancelled' });
    expect(downloads()).toEqual([]);
  });

  it('sends Replace as overwrite and Skip as leaving the file out', async () => {
    const onDone = vi.fn();
    render(<DownloadFlow accountId="acc_12345678" items={items} onDone={onDone} />);
    await screen.findByRole('dialog', { name: '2 names are already taken' });
    fireEvent.click(screen.getByRole('button', { name: 'Replace' }));
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    await waitFor(() => expect(downloads()).toHaveLength(1));
    const sent = downloads()[0]?.args.items as Array<{ mediaSid: string; onExisting?: string }>;
    expect(sent.map((i) => [i.mediaSid, i.onExisting])).toEqual([[items[0]!.sid, 'overwrite'], [items[1]!.sid, undefined]]);
    await waitFor(() => expect(onDone).toHaveBeenCalledWith({ kind: 'queued', text: 'Downloading 2 files to /home/me/Downloads. Follow them in Transfers.', transfers: ['tr_0', 'tr_1'], destination: '/home/me/Downloads' }));
  });
});
