// The browser host's reachability as the views see it, and what the page does when the host is back: it reads
// again all it shows, since the events it missed meanwhile (and a restarted host's own state) are not in it.
import type { QueryClient } from '@tanstack/react-query';
import { create } from 'zustand';
import { call, hostConnection, type HostConnection, type HostState } from '../bridge';
import { i18n } from '../i18n';
import { queryClient } from '../query/client';
import { takeAccounts, useAppStore } from './app-store';
import { useNoticeStore } from './notices-store';
import { useTransfers } from './transfers-store';

export const useHost = create<{ state: HostState }>(() => ({ state: hostConnection.state() }));

/** True while main cannot be reached: what the page shows as running is then not known to move. */
export function useHostGone(): boolean {
  return useHost((s) => s.state !== 'connected');
}

/**
 * Keeps useHost in step with `connection`. Each time the events stream opens, the page reads again what an event it
 * missed would have changed: on the host's return, everything (through `client` and main), saying so; on the first
 * open or a quiet reopen, the accounts and transfers, which another client (the API, the command line) may have
 * changed before the stream could tell.
 */
export function followHost(connection: HostConnection, client: QueryClient): () => void {
  useHost.setState({ state: connection.state() });
  const stopState = connection.subscribe((state) => useHost.setState({ state }));
  const stopOpen = connection.onOpen((before) => void (before === 'connected' ? readMissed() : readAgain(client)));
  return () => {
    stopState();
    stopOpen();
  };
}

function readMissed(): Promise<unknown> {
  return Promise.allSettled([useTransfers.getState().load(), call('accounts.list', {}).then(takeAccounts)]);
}

async function readAgain(client: QueryClient): Promise<void> {
  // One notice under one key: a host that comes and goes several times says it once.
  useNoticeStore.getState().show({ key: 'host.back', level: 'ok', text: i18n.t('shell:host.back') });
  await Promise.allSettled([
    client.invalidateQueries(),
    readMissed(),
    call('app.notices', {}).then((notices) => useNoticeStore.getState().fromMain(notices)),
    call('log.list', { limit: 500 }).then((log) => useAppStore.setState({ log })),
  ]);
}

followHost(hostConnection, queryClient);
