// Uploading into a folder and downloading files from it: the conflict question asked once, the refusals named,
// the queue's answer in a notice that goes when the transfers end. Upload into a folder the account may not write to is refused here, in words,
// before anything is prepared (the server would refuse each file).
import { localFileName, type DownloadExisting, type LibraryFileInfo, type LibraryFolderInfo, type LibraryWhoami, type UploadExisting } from '../../../../main/common/methods/library';
import type { FileRef, FolderGrant } from '../../../../main/common/contract';
import { call, messageOf } from '../../bridge';
import { releaseFiles, stageFile, wasCancelled } from '../../store/stagings-store';
import { errorText, i18n } from '../../i18n';
import { uploadAction } from './access';
import type { ConflictDecision } from '../../components/ConflictDialog';
import { downloadAllSkipped, downloadCancelled } from '../../store/download-notices';
import { newCause, type Notify } from './notices';
import { useDownloadFiles, useUploadFiles } from './queries';

/** Asks the app's conflict question about these names; null when the user cancelled them all. */
export type AskConflicts = (names: string[], where: string) => Promise<Map<string, ConflictDecision> | null>;

/** The library's words for "replace" on each side: the server replaces an upload, a download overwrites a file. */
const uploadExisting = (decision: ConflictDecision | undefined): UploadExisting | 'skip' | undefined => decision;
const downloadExisting = (decision: ConflictDecision | undefined): DownloadExisting | 'skip' | undefined => (decision === 'replace' ? 'overwrite' : decision);

interface FlowContext {
  accountId: string;
  me: LibraryWhoami | null;
  folders: readonly LibraryFolderInfo[] | undefined;
  notify: Notify;
  askConflicts: AskConflicts;
}

export function useUploadFlow({ accountId, me, folders, notify, askConflicts }: FlowContext) {
  const upload = useUploadFiles(accountId);
  return async (files: File[], folder: string) => {
    const blocked = uploadAction(folders?.find((f) => f.name === folder), me);
    if (!blocked.enabled) {
      notify('bad', i18n.t('library:upload.blocked', { reason: blocked.reason ?? '' }));
      return;
    }
    const refused: string[] = [];
    const cause = newCause('upload');
    notify('info', i18n.t('library:upload.preparing', { count: files.length, folder }), undefined, { cause });
    // Asked before the files are copied to main (tens of seconds for a large video in the browser host): main says
    // which names the upload would find taken.
    let taken: string[];
    try {
      taken = await call('library.existingNames', { accountId, folder, names: files.map((file) => file.name) });
    } catch {
      taken = []; // unknown: each upload keeps both, so nothing is replaced by surprise
    }
    let decisions = new Map<string, ConflictDecision>();
    if (taken.length > 0) {
      const answer = await askConflicts([...new Set(taken)], i18n.t('library:upload.where', { folder }));
      if (!answer) {
        notify('warn', i18n.t('library:upload.cancelled'), undefined, { cause });
        return;
      }
      decisions = answer;
    }
    const refs: Array<{ ref: FileRef; name: string }> = [];
    let cancelled = 0;
    const wanted = files.filter((file) => decisions.get(file.name) !== 'skip');
    for (const [index, file] of wanted.entries()) {
      try {
        refs.push({ ref: await stageFile(file, stagingGroup(accountId), `${cause}:${index}`), name: file.name });
      } catch (err) {
        if (wasCancelled(err)) cancelled += 1;
        else refused.push(i18n.t('library:item.why', { name: file.name, why: messageOf(err) }));
      }
    }
    if (wanted.length > 0 && cancelled === wanted.length) {
      notify('warn', i18n.t('library:upload.cancelled'), undefined, { cause });
      return;
    }
    const chosen = refs.map((r) => {
      const decision = uploadExisting(decisions.get(r.name));
      return decision && decision !== 'skip' ? { ref: r.ref, onExisting: decision } : { ref: r.ref };
    });
    const skipped = files.length - wanted.length;
    if (chosen.length === 0) {
      notify('warn', refused.length > 0 ? i18n.t('library:upload.nothing') : i18n.t('library:upload.allSkipped', { count: skipped }), refused, { cause });
      return;
    }
    try {
      const outcome = await upload.mutateAsync({ folder, files: chosen });
      for (const r of outcome.refused) refused.push(i18n.t('library:item.why', { name: r.name, why: errorText(r.error) }));
      const queued = outcome.queued.length;
      if (queued > 0) {
        const text = skipped > 0 ? i18n.t('library:upload.queuedSkipped', { count: queued, folder, skipped: i18n.t('library:count.skipped', { count: skipped }) }) : i18n.t('library:upload.queued', { count: queued, folder });
        notify('info', text, undefined, { cause, until: outcome.queued.map((t) => t.id) });
      }
      // The refusals stay when the uploads end: they are what the user has to act on.
      if (refused.length > 0) {
        const text = queued > 0 ? i18n.t('library:upload.someRefused', { count: refused.length }) : i18n.t('library:upload.allRefused', { count: refused.length });
        notify(queued > 0 ? 'warn' : 'bad', text, refused, { cause: queued > 0 ? `${cause}:refused` : cause });
      }
    } catch (err) {
      releaseFiles(refs.map((r) => r.ref));
      notify('bad', i18n.t('library:upload.failed', { error: messageOf(err) }), refused, { cause });
    }
  };
}

/** Where the library shows the files it is copying to main (LibraryTransfers). */
export const stagingGroup = (accountId: string): string => `library:${accountId}`;

export function useDownloadFlow({ accountId, notify, askConflicts }: FlowContext) {
  const download = useDownloadFiles(accountId);
  /** Queues the downloads into a granted folder; answers a failure to show in the folder dialog, or null. */
  const queueDownloads = async (folder: string, files: LibraryFileInfo[], grant: FolderGrant, closeChooser: () => void): Promise<string | null> => {
    const destination = grant.path;
    let existing: string[];
    try {
      existing = await call('files.findExisting', { grantId: grant.grantId, names: files.map((f) => localFileName(f.name)) });
    } catch (err) {
      return messageOf(err);
    }
    closeChooser();
    let decisions = new Map<string, ConflictDecision>();
    if (existing.length > 0) {
      const taken = files.filter((f) => existing.includes(localFileName(f.name))).map((f) => f.name);
      const answer = await askConflicts(taken, destination);
      if (!answer) {
        notify('warn', downloadCancelled().text);
        return null;
      }
      decisions = answer;
    }
    const chosen = files
      .filter((f) => decisions.get(f.name) !== 'skip')
      .map((f) => {
        const decision = downloadExisting(decisions.get(f.name));
        return { name: f.name, ...(f.size !== undefined ? { size: f.size } : {}), onExisting: decision && decision !== 'skip' ? decision : ('fail' as const) };
      });
    if (chosen.length === 0) {
      notify('warn', downloadAllSkipped().text);
      return null;
    }
    try {
      const queued = await download.mutateAsync({ folder, grantId: grant.grantId, files: chosen });
      const skipped = files.length - chosen.length;
      const values = { count: queued.length, destination };
      const text = skipped > 0 ? i18n.t('library:download.queuedSkipped', { ...values, skipped: i18n.t('library:count.skipped', { count: skipped }) }) : i18n.t('library:download.queued', values);
      notify('info', text, undefined, { cause: newCause('download'), until: queued.map((t) => t.id) });
    } catch (err) {
      notify('bad', i18n.t('library:download.failed', { error: messageOf(err) }));
    }
    return null;
  };

  /** Asks where to save (the system's dialog, or the browser host's fixed Downloads folder shown in `showChooser`). */
  const startDownload = async (folder: string, files: LibraryFileInfo[], showChooser: (grant: FolderGrant) => void, closeChooser: () => void) => {
    if (files.length === 0) return;
    let picked;
    try {
      picked = await call('files.pickFolder', { kind: 'library' });
    } catch (err) {
      notify('bad', messageOf(err));
      return;
    }
    if (!picked) return;
    if (picked.picked) {
      const failure = await queueDownloads(folder, files, picked, closeChooser);
      if (failure) notify('bad', failure);
    } else {
      showChooser(picked);
    }
  };
  return { startDownload, queueDownloads };
}
