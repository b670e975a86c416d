// The library's open folder, remembered per account (main's settings) so that a restart reopens it. A remembered
// folder opens only if the domain still lists it; one deleted or no longer readable gives way to the domain's
// folders, quietly (no error for a place the user did not just ask for).
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { LibraryFolderInfo } from '../../../../main/common/methods/library';
import { rememberAccountPlace, useSettings } from '../../query/settings';
import { useAppStore } from '../../store/app-store';

export function useRememberedFolder(accountId: string, folders: readonly LibraryFolderInfo[] | undefined): [string | null, (folder: string | null) => void] {
  const client = useQueryClient();
  const remembered = useSettings()?.accountPlaces[accountId]?.folder;
  // undefined until the user moves: until then the remembered folder is the open one, once the list confirms it.
  const [chosen, setChosen] = useState<string | null | undefined>(undefined);
  const current = chosen !== undefined ? chosen : remembered !== undefined && folders?.some((f) => f.name === remembered) ? remembered : null;
  const choose = useCallback(
    (folder: string | null) => {
      setChosen(folder);
      const existing = useAppStore.getState().accounts.map((a) => a.id);
      rememberAccountPlace(client, accountId, { folder: folder ?? undefined }, existing);
    },
    [client, accountId],
  );
  return [current, choose];
}
