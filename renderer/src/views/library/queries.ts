// The media library's server state, through the query cache: who the account is, its folders, a folder's files and
// an access list, each keyed by account (and folder, file); the changes as mutations that invalidate what they
// touched; and the transfer queue's events, which invalidate a folder when an upload into it (or a download from
// it) ends. Views read from here and keep no copy of their own, so no answer can arrive after a newer one.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Acl } from '../../../../main/common/library-acl';
import { libraryTargetOfItem, type LibraryAclApplyOutcome, type LibraryTarget, type LibraryTargetResult, type UploadExisting } from '../../../../main/common/methods/library';
import type { FileRef } from '../../../../main/common/contract';
import { FINAL_STATES, type TransferItem } from '../../../../main/common/transfers';
import { call, UiError } from '../../bridge';
import { inEnglish, phrase } from '../../../../main/common/i18n/phrase';
import { noteJob, waitForJob } from '../../store/jobs';
import { useTransfers } from '../../store/transfers-store';

export const libraryKeys = {
  account: (accountId: string) => ['library', accountId] as const,
  whoami: (accountId: string) => ['library', accountId, 'whoami'] as const,
  folders: (accountId: string) => ['library', accountId, 'folders'] as const,
  /** A folder's properties and files; also the prefix of its files' access lists. */
  folder: (accountId: string, folder: string) => ['library', accountId, 'folder', folder] as const,
  acl: (accountId: string, target: LibraryTarget) => ['library', accountId, 'folder', target.folder, 'acl', target.file ?? null] as const,
};

export function folderQuery(accountId: string, folder: string) {
  return { queryKey: libraryKeys.folder(accountId, folder), queryFn: () => call('library.getFolder', { accountId, folder }) };
}

export function useWhoami(accountId: string) {
  return useQuery({ queryKey: libraryKeys.whoami(accountId), queryFn: () => call('library.whoami', { accountId }), staleTime: Infinity });
}

export function useFolders(accountId: string) {
  return useQuery({ queryKey: libraryKeys.folders(accountId), queryFn: () => call('library.listFolders', { accountId }) });
}

/** The open folder's view; disabled (no request) at the top level. */
export function useFolder(accountId: string, folder: string | null) {
  return useQuery({ ...folderQuery(accountId, folder ?? ''), enabled: folder !== null });
}

/** An access list as the server has it; disabled when the editor reads no single target (several files). */
export function useAcl(accountId: string, target: LibraryTarget | null) {
  return useQuery({
    queryKey: libraryKeys.acl(accountId, target ?? { folder: '' }),
    queryFn: () => call('library.getAcl', { accountId, target: target ?? { folder: '' } }),
    enabled: target !== null,
    // The editor starts from what the server has now, not from a copy read minutes ago.
    staleTime: 0,
  });
}

/** Everything a change inside a folder can make stale: the folder list (files counts, ACLs) and the folder. */
export function invalidateFolder(client: QueryClient, accountId: string, folder: string): Promise<void> {
  return Promise.all([
    client.invalidateQueries({ queryKey: libraryKeys.folders(accountId) }),
    client.invalidateQueries({ queryKey: libraryKeys.folder(accountId, folder) }),
  ]).then(() => undefined);
}

export function useCreateFolder(accountId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (folder: string) => call('library.createFolder', { accountId, folder }),
    onSuccess: () => client.invalidateQueries({ queryKey: libraryKeys.folders(accountId) }),
  });
}

/** Deleting runs as a job in the transfer queue: each mutation answers with the job once it has ended. */
export function useDeleteFiles(accountId: string, onQueued?: (job: TransferItem) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (args: { folder: string; files: string[] }) => {
      const job = await call('library.deleteFiles', { accountId, ...args });
      noteJob(job);
      onQueued?.(job);
      return waitForJob(job.id);
    },
    // Some may have gone even when the job as a whole failed or was cancelled.
    onSettled: (_data, _error, args) => invalidateFolder(client, accountId, args.folder),
  });
}

/** `onQueued` gets the number of folders: the job counts their files too. */
export function useDeleteFolders(accountId: string, onQueued?: (job: TransferItem, folders: number) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (folders: Array<{ folder: string; withFiles?: number }>) => {
      const job = await call('library.deleteFolders', { accountId, folders });
      noteJob(job);
      onQueued?.(job, folders.length);
      return waitForJob(job.id);
    },
    onSettled: () => client.invalidateQueries({ queryKey: libraryKeys.account(accountId) }),
  });
}

export type AclSave =
  | { kind: 'put'; target: LibraryTarget; acl: Acl; allowLockout: boolean }
  | { kind: 'apply'; to: { kind: 'folderAndFiles'; folder: string } | { kind: 'files'; folder: string; files: string[] }; acl: Acl; allowLockout: boolean };

/** A finished access-list job as the editor's result screen shows it: a result per target, with the reason. */
export function applyOutcomeOf(job: TransferItem): LibraryAclApplyOutcome {
  // Failed as a whole (the lock-out rule when the job started, the folder unreadable): nothing was changed.
  const notApplied = phrase('library:aclDone.notApplied');
  if (!job.result?.items) throw new UiError(job.error ?? { code: 'internal', message: inEnglish(notApplied), phrase: notApplied });
  const results = job.result.items.map((item): LibraryTargetResult => {
    const target = libraryTargetOfItem(item.name);
    if (item.outcome === 'ok') return { target, ok: true };
    const code = item.code ?? (item.outcome === 'cancelled' ? 'cancelled' : 'internal');
    if (item.message !== undefined) return { target, ok: false, error: { code, message: item.message } };
    const outcome = phrase(`library:outcome.${item.outcome}`);
    return { target, ok: false, error: { code, message: inEnglish(outcome), phrase: outcome } };
  });
  const saved = results.filter((r) => r.ok).length;
  const notDone = results.filter((r) => !r.ok && r.error.code === 'cancelled').length;
  return { results, saved, failed: results.length - saved - notDone, notDone };
}

/** `onQueued` hears of an applying job as soon as it is queued, to show its progress and Cancel. */
export function useSaveAcl(accountId: string, onQueued?: (job: TransferItem) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (save: AclSave) => {
      if (save.kind === 'put') return { kind: 'put', state: await call('library.putAcl', { accountId, target: save.target, acl: save.acl, allowLockout: save.allowLockout }) } as const;
      const job = await call('library.applyAcl', { accountId, to: save.to, acl: save.acl, allowLockout: save.allowLockout });
      noteJob(job);
      onQueued?.(job);
      return { kind: 'apply', outcome: applyOutcomeOf(await waitForJob(job.id)) } as const;
    },
    onSettled: (_data, _error, save) => invalidateFolder(client, accountId, save.kind === 'put' ? save.target.folder : save.to.folder),
  });
}

/** Transfers queued for a library folder, by transfer id: their end invalidates the folder. */
const watched = new Map<string, { accountId: string; folder: string }>();

export function watchTransfers(ids: readonly string[], accountId: string, folder: string): void {
  for (const id of ids) watched.set(id, { accountId, folder });
  settleWatched(useTransfers.getState().items);
}

let cache: QueryClient | null = null;

function settleWatched(items: ReturnType<typeof useTransfers.getState>['items']): void {
  for (const [id, where] of watched) {
    const item = items.get(id);
    if (!item || !FINAL_STATES.includes(item.state)) continue;
    watched.delete(id);
    if (cache) void invalidateFolder(cache, where.accountId, where.folder);
  }
}

/** Subscribes the query cache to the transfer queue's events while a library view is shown. */
export function useLibraryTransferEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    cache = client;
    void useTransfers.getState().load();
    settleWatched(useTransfers.getState().items);
    return useTransfers.subscribe((state) => settleWatched(state.items));
  }, [client]);
}

export function useUploadFiles(accountId: string) {
  return useMutation({
    mutationFn: (args: { folder: string; files: Array<{ ref: FileRef; onExisting?: UploadExisting }> }) => call('library.upload', { accountId, ...args }),
    // The folder changes when the uploads end, not now: the transfer events invalidate it then.
    onSuccess: (outcome, args) =>
      watchTransfers(
        outcome.queued.map((item) => item.id),
        accountId,
        args.folder,
      ),
  });
}

export function useDownloadFiles(accountId: string) {
  return useMutation({
    mutationFn: (args: { folder: string; grantId: string; files: Array<{ name: string; size?: number; onExisting: 'overwrite' | 'keepBoth' | 'fail' }> }) =>
      call('library.download', { accountId, ...args }),
    onSuccess: (queued, args) =>
      watchTransfers(
        queued.map((item) => item.id),
        accountId,
        args.folder,
      ),
  });
}
