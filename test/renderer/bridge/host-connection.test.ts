// The browser host's events stream is how the page knows the host is there (renderer/src/bridge/http-bridge.ts):
// the stream dropping with nothing answering at the address is "gone", a 401 there is "signed-out" (a new host whose
// sign-in this page lacks), and the stream back is "connected", after which the page reads everything again
// (renderer/src/store/host-store.ts). The sockets and fetch are stand-ins driven by each test; the timers are fake.
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../main/common/contract';

const main = vi.hoisted(() => {
  const state = { calls: [] as string[] };
  // The app's own bridge (imported by the stores) is a quiet stand-in; the one under test is made by each test.
  window.mediaDesk = {
    invoke: (method: string) => {
      state.calls.push(method);
      if (method === 'transfers.list') return Promise.resolve({ ok: true, value: { items: [], summary: { active: 0, progress: null } } });
      return Promise.resolve({ ok: true, value: [] });
    },
    on: () => () => undefined,
  } as unknown as MediaDeskBridge;
  return state;
});

import { createHttpBridge } from '../../../renderer/src/bridge/http-bridge';
import { followHost, useHost } from '../../../renderer/src/store/host-store';
import { useNoticeStore } from '../../../renderer/src/store/notices-store';

/** Each socket the bridge opens, for the test to open, drop or refuse. */
class FakeSocket {
  static made: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  open(): void {
    this.onopen?.();
  }
  drop(): void {
    this.onclose?.();
  }
}
const latest = (): FakeSocket => FakeSocket.made.at(-1)!;

/** What answers at the page's address: nothing (the host stopped), or a status. */
let address: 'nothing' | number = 200;

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.made = [];
  address = 200;
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => (address === 'nothing' ? Promise.reject(new TypeError('Failed to fetch')) : new Response(null, { status: address }))),
  );
  main.calls = [];
  useNoticeStore.setState({ notices: [] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A bridge whose first stream is up, followed by a query cache holding one fresh query. */
async function connected() {
  const bridge = createHttpBridge();
  latest().open();
  const client = new QueryClient();
  client.setQueryData(['library', 'folders'], ['photos']);
  const stop = followHost(bridge.connection, client);
  return { bridge, client, stop };
}

describe('the page notices the browser host going and coming back', () => {
  it('says gone as soon as the stream drops and nothing answers, and connected again (reading everything again) once it is back', async () => {
    const { bridge, client, stop } = await connected();
    expect(useHost.getState().state).toBe('connected');

    address = 'nothing';
    latest().drop(); // the host stopped: its stream closed…
    latest().drop(); // …and the at-once retry finds no one
    await vi.advanceTimersByTimeAsync(0);
    expect(bridge.connection.state()).toBe('gone');
    expect(useHost.getState().state).toBe('gone');
    expect(client.getQueryState(['library', 'folders'])?.isInvalidated).toBe(false);

    // Retries keep coming, further apart, but never stop.
    const before = FakeSocket.made.length;
    await vi.advanceTimersByTimeAsync(250);
    expect(FakeSocket.made.length).toBe(before + 1);
    latest().drop();
    await vi.advanceTimersByTimeAsync(400);
    expect(FakeSocket.made.length).toBe(before + 1);
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.made.length).toBe(before + 2);

    address = 200;
    latest().open();
    expect(useHost.getState().state).toBe('connected');
    await vi.advanceTimersByTimeAsync(0);
    expect(client.getQueryState(['library', 'folders'])?.isInvalidated).toBe(true);
    expect(main.calls).toEqual(expect.arrayContaining(['transfers.list', 'accounts.list', 'app.notices', 'log.list']));
    stop();
  });

  it('says signed-out when a host answers 401 at the address, and checkNow tries again without waiting', async () => {
    const { bridge, stop } = await connected();
    address = 401;
    latest().drop();
    latest().drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(bridge.connection.state()).toBe('signed-out');

    // The user signed in in another tab and came back: the page asks at once, not after the backoff.
    const before = FakeSocket.made.length;
    bridge.connection.checkNow();
    expect(FakeSocket.made.length).toBe(before + 1);
    address = 200;
    latest().open();
    expect(bridge.connection.state()).toBe('connected');
    stop();
  });

  it('says nothing when a steady stream drops and the host takes the retry at once, but reads the accounts and transfers it may have missed', async () => {
    const { bridge, client, stop } = await connected();
    await vi.advanceTimersByTimeAsync(5_000);
    main.calls = [];
    latest().drop();
    latest().open();
    await vi.advanceTimersByTimeAsync(0);
    expect(bridge.connection.state()).toBe('connected');
    expect(client.getQueryState(['library', 'folders'])?.isInvalidated).toBe(false);
    expect(main.calls.sort()).toEqual(['accounts.list', 'transfers.list']);
    expect(useNoticeStore.getState().notices).toEqual([]);
    stop();
  });
});

describe('the first time the events stream opens', () => {
  it('reads the accounts and transfers again, quietly: one made by another client while the page loaded is not missed', async () => {
    const bridge = createHttpBridge();
    const client = new QueryClient();
    client.setQueryData(['library', 'folders'], ['photos']);
    const stop = followHost(bridge.connection, client);
    await vi.advanceTimersByTimeAsync(0);
    expect(main.calls).toEqual([]);
    latest().open();
    await vi.advanceTimersByTimeAsync(0);
    expect(main.calls.sort()).toEqual(['accounts.list', 'transfers.list']);
    expect(useHost.getState().state).toBe('connected');
    expect(client.getQueryState(['library', 'folders'])?.isInvalidated).toBe(false);
    expect(useNoticeStore.getState().notices).toEqual([]);
    stop();
  });
});
