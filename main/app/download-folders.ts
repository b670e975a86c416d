// The folder each kind of download was last saved to, offered the next time the folder dialog opens. Main records it
// from the dialog's answer (the window never names a path) and checks it again before offering it: a folder that was
// removed, replaced by a file or made read-only since gives way to the Downloads folder, quietly.
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import type { DownloadKind } from '../common/contract.js';
import type { MessageKey } from '../common/i18n/catalogue.js';
import { phrase, type Phrase } from '../common/i18n/phrase.js';
import type { SettingsStore } from '../core/settings-store.js';
import type { TransferQueue } from '../core/transfers/transfer-queue.js';
import type { FolderGrants } from './grants.js';
import { defaultDownloadFolder } from './local-files.js';

/** The folder, if it still is a folder this user may write in. */
export async function writableFolder(folder: string | undefined): Promise<string | undefined> {
  if (!folder || !path.isAbsolute(folder)) return undefined;
  const stat = await fs.stat(folder).catch(() => null);
  if (!stat?.isDirectory()) return undefined;
  return fs.access(folder, constants.W_OK | constants.X_OK).then(
    () => folder,
    () => undefined,
  );
}

const PICK_TITLE: Record<DownloadKind | 'any', MessageKey> = {
  library: 'library:download.pickTitle',
  twilio: 'twilio:download.pickTitle',
  any: 'desktop:dialog.pickFolder.title',
};

/** The folder dialog's title for this kind of download: main's own words, never the window's. */
export function pickFolderTitle(kind: DownloadKind | undefined): Phrase {
  return phrase(PICK_TITLE[kind ?? 'any']);
}

/** Where the folder dialog for this kind of download opens: the last folder chosen for it, else Downloads. */
export async function downloadFolderToOffer(settings: SettingsStore, kind: DownloadKind | undefined): Promise<string> {
  const remembered = kind ? await writableFolder(settings.get().downloadFolders[kind]) : undefined;
  return remembered ?? defaultDownloadFolder();
}

/** Records the folder the user chose for this kind of download. */
export async function rememberDownloadFolder(settings: SettingsStore, kind: DownloadKind, folder: string): Promise<void> {
  const current = settings.get().downloadFolders;
  if (current[kind] === folder) return;
  await settings.update({ downloadFolders: { ...current, [kind]: folder } });
}

/**
 * Forgets the folder remembered for this kind of download: its dialog opens in Downloads again, the window's grants
 * from picking it for this kind end, and the saved downloads made by them are not retried there (a download
 * running now finishes). Anything more written there needs the user to pick it again. Files stay.
 */
export async function forgetDownloadFolder(
  settings: SettingsStore,
  grants: Pick<FolderGrants, 'revoke'>,
  transfers: Pick<TransferQueue, 'takeBack'>,
  kind: DownloadKind,
): Promise<boolean> {
  const current = settings.get().downloadFolders;
  const folder = current[kind];
  if (folder === undefined) return false;
  // Before the settings file is written: one that cannot be written must not leave the window its way in.
  grants.revoke(folder, kind);
  await transfers.takeBack({ kind, dir: folder }, phrase('errors:files.folderForgotten', { folder }));
  const rest = { ...current };
  delete rest[kind];
  await settings.update({ downloadFolders: rest });
  return true;
}
