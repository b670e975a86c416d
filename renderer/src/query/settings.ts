// main's settings through the query cache: read with useSettings(), kept current by main's settings.changed events,
// written with saveSettings(). The places the user left (the open view, each account's folder or filters) are written
// one after the other, each on top of the answer to the one before, so that quick moves never undo each other.
import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { AccountPlace, DownloadKind, LastPlace, MethodArgs, Settings } from '../../../main/common/contract';
import { bridge, call } from '../bridge';

type SettingsPatch = MethodArgs<'settings.update'>;

export const settingsKey = ['settings'] as const;
export const settingsQuery = queryOptions({ queryKey: settingsKey, queryFn: () => call('settings.get', {}), staleTime: Infinity });

export function useSettings(): Settings | undefined {
  return useQuery(settingsQuery).data;
}

/** Keeps the cached settings equal to main's, whoever changed them (another window, the menu…). */
export function useSettingsEvents(): void {
  const client = useQueryClient();
  useEffect(() => bridge.on('settings.changed', (settings) => client.setQueryData(settingsQuery.queryKey, settings)), [client]);
}

/** Changes settings in main; the cache takes main's answer. Throws main's refusal (a bad pattern…) in words. */
export async function saveSettings(client: QueryClient, patch: SettingsPatch): Promise<Settings> {
  const next = await call('settings.update', patch);
  client.setQueryData(settingsQuery.queryKey, next);
  return next;
}

/** Has main forget the folder it remembered for this kind of download; the cache takes main's answer. */
export async function forgetDownloadFolder(client: QueryClient, kind: DownloadKind): Promise<Settings> {
  const next = await call('settings.forgetDownloadFolder', { kind });
  client.setQueryData(settingsQuery.queryKey, next);
  return next;
}

let writing: Promise<unknown> = Promise.resolve();
/** Runs remembering writes one at a time; a failed one (a full disk) costs only that memory, never the view. */
function remember(client: QueryClient, patchOf: (settings: Settings) => SettingsPatch | null): void {
  writing = writing
    .then(async () => {
      const current = client.getQueryData(settingsQuery.queryKey);
      const patch = current ? patchOf(current) : null;
      if (patch) await saveSettings(client, patch);
    })
    .catch(() => undefined);
}

const samePlace = (a: LastPlace | null, b: LastPlace): boolean => a !== null && a.view === b.view && a.accountId === b.accountId;

/** Records the view on screen, for the next start. */
export function rememberPlace(client: QueryClient, place: LastPlace): void {
  remember(client, (settings) => (samePlace(settings.lastPlace, place) ? null : { lastPlace: place }));
}

/**
 * Records where an account's view was left (its folder, its filters). Accounts that no longer exist are dropped,
 * so the record never outgrows the accounts there are.
 */
export function rememberAccountPlace(client: QueryClient, accountId: string, patch: AccountPlace, existing: readonly string[]): void {
  remember(client, (settings) => {
    const before = settings.accountPlaces[accountId] ?? {};
    const place: AccountPlace = { ...before, ...patch };
    for (const key of Object.keys(place) as Array<keyof AccountPlace>) if (place[key] === undefined) delete place[key];
    if (JSON.stringify(place) === JSON.stringify(before)) return null;
    const places: Settings['accountPlaces'] = {};
    for (const [id, kept] of Object.entries(settings.accountPlaces)) if (existing.includes(id) && id !== accountId) places[id] = kept;
    places[accountId] = place;
    return { accountPlaces: places };
  });
}

/** Waits for the remembering writes queued so far (tests, and a window about to close). */
export function settled(): Promise<unknown> {
  return writing;
}
