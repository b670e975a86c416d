// The media library's contract methods. Arguments arrive parsed (ids already checked with the library-ids rules);
// each call builds a client from the account's saved settings and password, which never leave main.
import path from 'node:path';
import { AppError, toAppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { libraryIdProblemPhrase } from '../../common/library-ids.js';
import { LIBRARY_THUMBNAIL_MAX_BYTES, localFileName, type LibraryUploadOutcome, type libraryMethods } from '../../common/methods/library.js';
import type { TransferItem } from '../../common/transfers.js';
import { cleanFileName } from '../../core/files/staging.js';
import { checkMediaFile } from '../../core/media/check.js';
import { folderInfo, fileInfo, libraryAccount, libraryClientFor, whoami } from '../library-client.js';
import { libraryMediaSource } from '../library-media.js';
import { cappedSource } from '../media-streams.js';
import { folderView, planAclApply, readAclState, saveAcl } from '../library-ops.js';
import {
  LIBRARY_APPLY_ACL,
  LIBRARY_DELETE_FILES,
  filesAndFolders,
  LIBRARY_DELETE_FOLDERS,
  type LibraryApplyAclParams,
  type LibraryDeleteFilesParams,
  type LibraryDeleteFoldersParams,
} from '../runners/library-jobs.js';
import { LIBRARY_DOWNLOAD, LIBRARY_UPLOAD, type LibraryDownloadParams, type LibraryUploadParams } from '../runners/library.js';
import type { HandlerContext, HandlersFor } from './types.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function createLibraryHandlers({ services, staging, media, grants }: HandlerContext): HandlersFor<typeof libraryMethods> {
  const { accounts, transfers, log } = services;
  const keepDir = path.join(services.dataDir, 'transfer-files');
  const client = (accountId: string) => libraryClientFor(accounts, accountId);
  const me = (accountId: string) => whoami(accounts, accountId);

  return {
    'library.whoami': ({ accountId }) => me(accountId),

    'library.listFolders': async ({ accountId }) => (await client(accountId).listFolders()).map(folderInfo),

    'library.getFolder': ({ accountId, folder }) => folderView(client(accountId), folder),

    'library.createFolder': async ({ accountId, folder }) => {
      const c = client(accountId);
      await c.createFolder(folder);
      log.info('library', `Created folder "${folder}".`, accountId);
      // The new folder's properties as the server has them (creator, date); the bare name if it will not say.
      const info = await c.getAcl({ folder }).catch(() => null);
      return folderInfo({ id: folder, acl: { readUsers: [], readApps: [], writeUsers: [], writeApps: [] }, ...info, name: folder });
    },

    'library.deleteFolders': ({ accountId, folders }) => {
      const account = libraryAccount(accounts, accountId);
      client(accountId);
      const params: LibraryDeleteFoldersParams = { accountId, folders };
      const names = folders.map((f) => f.folder);
      const title = names.length === 1 ? phrase('shell:transfer.job.deleteFolder', { folder: names[0] ?? '' }) : phrase('shell:transfer.job.deleteFolders', { count: names.length });
      const detail = phrase('shell:transfer.job.filesAndFoldersDetail', { account: account.label });
      return transfers.enqueue({ type: LIBRARY_DELETE_FOLDERS, params }, { accountId, direction: 'job', unit: 'items', title, detail, bytesTotal: filesAndFolders(folders) });
    },

    'library.getFile': async ({ accountId, folder, file }) => fileInfo(await client(accountId).getFile(folder, file)),

    'library.deleteFiles': ({ accountId, folder, files }) => {
      const account = libraryAccount(accounts, accountId);
      client(accountId);
      const params: LibraryDeleteFilesParams = { accountId, folder, files: [...new Set(files)] };
      const title = phrase('shell:transfer.job.deleteFiles', { count: params.files.length });
      return transfers.enqueue({ type: LIBRARY_DELETE_FILES, params }, { accountId, direction: 'job', unit: 'items', title, detail: phrase('shell:transfer.job.inFolder', { account: account.label, folder }), bytesTotal: params.files.length });
    },

    'library.existingNames': async ({ accountId, folder, names }) => {
      const taken = new Set((await folderView(client(accountId), folder)).files.map((f) => f.name));
      // The name the upload would use (library.upload takes the staged name, cleaned as stage() cleans it).
      return names.filter((name) => taken.has(cleanFileName(name)));
    },

    'library.upload': async ({ accountId, folder, files }) => {
      const account = libraryAccount(accounts, accountId);
      // Said now rather than as a failure of every file: no password, or a bad server URL.
      client(accountId);
      const outcome: LibraryUploadOutcome = { queued: [], refused: [] };
      for (const { ref, onExisting } of files) {
        let name = staging.nameOf(ref) ?? 'file';
        try {
          const local = await staging.resolve(ref);
          name = local.name;
          const problem = libraryIdProblemPhrase(name);
          if (problem || name === 'acl') {
            const why = problem ?? phrase('errors:library.aclReserved');
            throw new AppError('validation', phrase('errors:library.badFileName', { name: name.slice(0, 80), why }));
          }
          const checked = await checkMediaFile(local.path, name);
          const kept = await staging.adopt(ref, keepDir);
          const params: LibraryUploadParams = { accountId, folder, name, file: { path: kept.path, name }, onExisting: onExisting ?? 'keepBoth' };
          outcome.queued.push(
            transfers.enqueue(
              { type: LIBRARY_UPLOAD, params, ...(kept.owned ? { ownedFiles: [kept.path] } : {}) },
              { accountId, direction: 'upload', title: name, detail: phrase('shell:transfer.into.folder', { account: account.label, folder }), bytesTotal: checked.size },
            ),
          );
        } catch (err) {
          outcome.refused.push({ name, error: toAppError(err).toData() });
          await staging.release(ref).catch(() => undefined);
        }
      }
      if (outcome.queued.length > 0) log.info('transfers', `Queued ${plural(outcome.queued.length, 'upload')} into library folder "${folder}".`, accountId);
      return outcome;
    },

    'library.download': async ({ accountId, folder, grantId, files }) => {
      const account = libraryAccount(accounts, accountId);
      client(accountId);
      const dir = await grants.folder(grantId);
      const choice = grants.choice(grantId);
      // All or nothing: a single overwrite nobody confirmed refuses the whole batch before anything is queued.
      await grants.allowOverwrite(
        grantId,
        files.filter((file) => file.onExisting === 'overwrite').map((file) => localFileName(file.name)),
      );
      const queued: TransferItem[] = [];
      for (const file of files) {
        const params: LibraryDownloadParams = { accountId, folder, name: file.name, destination: dir, onExisting: file.onExisting ?? 'fail' };
        if (/^\d+$/.test(folder) && file.name === `${folder}.mp3`) params.voicemail = true;
        queued.push(
          transfers.enqueue(
            { type: LIBRARY_DOWNLOAD, params, ...(choice ? { choice } : {}) },
            { accountId, direction: 'download', title: file.name, detail: `${account.label} · ${folder} → ${dir}`, bytesTotal: file.size ?? null },
          ),
        );
      }
      log.info('transfers', `Queued ${plural(queued.length, 'download')} from library folder "${folder}" to ${dir}.`, accountId);
      return queued;
    },

    'library.mediaUrl': async ({ accountId, folder, file, thumbnail }) => {
      if (thumbnail === true) {
        // A list asks for many: no details first (a failed one shows its icon), and never more than a small image.
        const token = media.register(cappedSource(libraryMediaSource(accounts, { accountId, folder, file, voicemail: false }), LIBRARY_THUMBNAIL_MAX_BYTES));
        return { url: services.host.mediaUrl(token), voicemail: false };
      }
      // Checked now (exists, readable), so the UI can say why instead of showing a broken preview.
      const details = await client(accountId).getFile(folder, file);
      const voicemail = fileInfo(details).voicemail && file === `${folder}.mp3`;
      const token = media.register(libraryMediaSource(accounts, { accountId, folder, file, voicemail }));
      return { url: services.host.mediaUrl(token), voicemail };
    },

    'library.getAcl': ({ accountId, target }) => readAclState(client(accountId), target),

    'library.putAcl': async ({ accountId, target, acl, allowLockout }) => {
      const state = await saveAcl(client(accountId), me(accountId), target, acl, allowLockout === true);
      const what = target.file === undefined ? `folder "${target.folder}"` : `"${target.folder}/${target.file}"`;
      log.info('library', `Saved the access list of ${what}${state.reloaded ? '' : ' (you can no longer read it)'}.`, accountId);
      return state;
    },

    'library.applyAcl': async ({ accountId, acl, to, allowLockout }) => {
      const account = libraryAccount(accounts, accountId);
      // Refused now, naming the items, so the window can ask before anything is queued; the job checks again.
      const { targets } = await planAclApply(client(accountId), me(accountId), to, acl, allowLockout === true);
      const params: LibraryApplyAclParams = { accountId, to, acl, allowLockout: allowLockout === true };
      const title = to.kind === 'files' ? phrase('shell:transfer.job.aclOnFiles', { count: targets.length }) : phrase('shell:transfer.job.aclOnFolder', { count: targets.length - 1 });
      return transfers.enqueue(
        { type: LIBRARY_APPLY_ACL, params },
        { accountId, direction: 'job', unit: 'items', title, detail: phrase('shell:transfer.job.inFolder', { account: account.label, folder: to.folder }), bytesTotal: targets.length },
      );
    },
  };
}
