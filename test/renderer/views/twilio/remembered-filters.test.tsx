// The Twilio message filters are remembered per account in main's settings: a restart (a new window, a new cache)
// lists the same messages; a remembered filter the form would refuse is dropped, quietly.
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../../main/common/contract';
import { createQueryClient } from '../../../../renderer/src/query/client';
import { settingsQuery, settled } from '../../../../renderer/src/query/settings';
import { TwilioPanel } from '../../../../renderer/src/views/twilio/TwilioPanel';
import { account, giveScrollAreasASize } from './support';

const server = vi.hoisted(() => {
  const state = { settings: {} as Record<string, unknown>, listed: [] as Array<Record<string, unknown>> };
  const answer = (method: string, args: Record<string, unknown>): unknown => {
    switch (method) {
      case 'settings.get':
        return state.settings;
      case 'settings.update':
        return (state.settings = { ...state.settings, ...args });
      case 'twilio.listMessages':
        state.listed.push(args);
        return { items: [], nextPageUri: null };
      default:
        throw new Error(`unexpected call ${method}`);
    }
  };
  window.mediaDesk = {
    invoke: (method: string, args: Record<string, unknown>) => Promise.resolve({ ok: true, value: structuredClone(answer(method, args)) }),
    on: () => () => undefined,
  } as unknown as MediaDeskBridge;
  return state;
});

beforeEach(() => {
  giveScrollAreasASize();
  server.settings = { theme: 'light', welcomeSeen: true, lastPlace: null, accountPlaces: {}, downloadFolders: {} };
  server.listed.length = 0;
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** A start: a new window whose cache holds main's settings, as the app's start leaves it. */
async function start() {
  cleanup();
  const client = createQueryClient();
  await client.fetchQuery(settingsQuery);
  render(
    <QueryClientProvider client={client}>
      <TwilioPanel account={account} />
    </QueryClientProvider>,
  );
  await screen.findByText(/No messages/);
}

describe('the message filters', () => {
  it('are applied again at the next start', async () => {
    await start();
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '+15551234567' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await screen.findByText('No messages match these filters.');
    await act(() => settled());
    server.listed.length = 0;

    await start();
    expect(server.listed).toEqual([expect.objectContaining({ from: '+15551234567' })]);
    expect(screen.getByLabelText<HTMLInputElement>('From').value).toBe('+15551234567');
  });

  it('are dropped when what was remembered would be refused by the form', async () => {
    const bad = { dateSentAfter: '', dateSentBefore: '', from: '', to: '', withMediaOnly: false, sid: 'SM-not-a-sid' };
    server.settings = { ...server.settings, accountPlaces: { [account.id]: { twilioFilters: bad } } };
    await start();
    expect(server.listed).toEqual([expect.not.objectContaining({ sid: expect.anything() })]);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText(/No messages yet/)).toBeTruthy();
  });
});
