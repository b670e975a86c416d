// How many files a folder holds, for the folder list. The library's folder listing does not say, and counting would
// mean reading every folder's whole listing (a 10,000-file folder is megabytes), so the count shown is the one of
// the folder's listing this window has already read (opened, or looked into before a delete), and nothing before.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { LibraryFolderView } from '../../../../main/common/methods/library';
import { libraryKeys } from './queries';

/** The counts known, as one string ("name\u0000count" lines) so that an unchanged cache is an unchanged snapshot. */
function countsSnapshot(client: QueryClient, accountId: string): string {
  const lines: string[] = [];
  for (const query of client.getQueryCache().findAll({ queryKey: libraryKeys.account(accountId) })) {
    const key = query.queryKey;
    const view = query.state.data as LibraryFolderView | undefined;
    if (key[2] === 'folder' && key.length === 4 && typeof key[3] === 'string' && view) lines.push(`${key[3]}\u0000${view.files.length}`);
  }
  return lines.join('\n');
}

/** Each folder's file count, from the folder listings in the cache; a folder not read yet is absent (not 0). */
export function useFolderCounts(accountId: string): ReadonlyMap<string, number> {
  const client = useQueryClient();
  const subscribe = useCallback((changed: () => void) => client.getQueryCache().subscribe(changed), [client]);
  const snapshot = useSyncExternalStore(subscribe, () => countsSnapshot(client, accountId));
  return useMemo(
    () =>
      new Map(
        snapshot
          .split('\n')
          .filter(Boolean)
          .map((line): [string, number] => {
            const [name = '', count = '0'] = line.split('\u0000');
            return [name, Number(count)];
          }),
      ),
    [snapshot],
  );
}
