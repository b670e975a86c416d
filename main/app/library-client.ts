// From a saved media library account (configuration + its password in the vault) to a LibraryClient, and the
// client's answers in the shapes the contract sends to the UI.
import type { LibraryAccountConfig } from '../common/accounts.js';
import { AppError } from '../common/errors.js';
import { phrase } from '../common/i18n/phrase.js';
import type { LibraryFileInfo, LibraryFolderInfo, LibraryWhoami } from '../common/methods/library.js';
import type { AccountStore } from '../core/accounts/account-store.js';
import { LibraryClient, type LibraryFile, type LibraryFolder } from '../providers/library/index.js';
import { accountOfKind, libraryConnectionFor } from './connections.js';

export function libraryAccount(accounts: AccountStore, accountId: string): LibraryAccountConfig {
  return accountOfKind(accounts, accountId, 'library');
}

/** A client with the account's current settings and password; 'config' when the password is not set. */
export function libraryClientFor(accounts: AccountStore, accountId: string): LibraryClient {
  const config = libraryAccount(accounts, accountId);
  const password = accounts.secret(accountId);
  if (password === undefined) {
    throw new AppError('config', phrase('errors:accounts.passwordMissing', { label: config.label }), { field: 'password' });
  }
  return new LibraryClient(libraryConnectionFor(config, password));
}

export function whoami(accounts: AccountStore, accountId: string): LibraryWhoami {
  const config = libraryAccount(accounts, accountId);
  let host: string;
  try {
    host = new URL(config.serverUrl).host;
  } catch {
    host = config.serverUrl;
  }
  return { accountId, label: config.label, userId: config.userId, appId: config.appId, domain: config.domain, host };
}

export function folderInfo(folder: LibraryFolder): LibraryFolderInfo {
  const out: LibraryFolderInfo = { id: folder.id, name: folder.name, acl: folder.acl };
  if (folder.createdWith !== undefined) out.createdWith = folder.createdWith;
  if (folder.createdBy !== undefined) out.createdBy = folder.createdBy;
  if (folder.createdOn !== undefined) out.createdOn = folder.createdOn;
  return out;
}

/**
 * A voicemail lives at /media/{domain}/{callId}/{callId}.mp3 and its entry carries dest and startTime; a numeric
 * call folder holding "{callId}.mp3" is taken for one too, for servers that leave those fields out.
 */
export function isVoicemail(folder: string, name: string, file?: { dest?: string | undefined; startTime?: string | undefined }): boolean {
  if (file?.dest !== undefined || file?.startTime !== undefined) return true;
  return /^\d+$/.test(folder) && name === `${folder}.mp3`;
}

export function fileInfo(file: LibraryFile): LibraryFileInfo {
  // Built field by field: copying the parsed entry with spreads cost tens of milliseconds on a 10,000-file folder.
  const out: LibraryFileInfo = { id: file.id, name: file.name, acl: file.acl, folder: file.folder, voicemail: isVoicemail(file.folder, file.name, file) };
  if (file.createdWith !== undefined) out.createdWith = file.createdWith;
  if (file.createdBy !== undefined) out.createdBy = file.createdBy;
  if (file.createdOn !== undefined) out.createdOn = file.createdOn;
  if (file.size !== undefined) out.size = file.size;
  if (file.dest !== undefined) out.dest = file.dest;
  if (file.startTime !== undefined) out.startTime = file.startTime;
  return out;
}
