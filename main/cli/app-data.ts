// The app's data folder as the CLI sees it: its accounts and its vault, opened with the same stores the app uses.
//
// Not bootApp: booting does things that belong to the one running app (removing stale temp files, resetting the
// staging folder, loading the transfer queue, starting the embedded sandbox), which would race the app if it is
// open. The CLI only reads: it never writes an account, a secret or a setting.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../common/errors.js';
import { AccountStore } from '../core/accounts/account-store.js';
import { createKeyFileCipher, type SecretCipher } from '../core/vault/cipher.js';
import { SecretVault } from '../core/vault/vault.js';

export interface AppData {
  dataDir: string;
  accounts: AccountStore;
  vault: SecretVault;
  /** Vault entries that exist but cannot be unsealed here. */
  unreadable: readonly string[];
  /** Why sealed secrets cannot be opened here, for messages. */
  sealedBecause: string;
}

/**
 * Stands in for the desktop app's keychain cipher, which only Electron can use: every sealed secret is reported
 * unreadable (so the CLI can say why and ask elsewhere), and nothing can be sealed.
 */
const keychainOnlyCipher: SecretCipher = {
  info: { persistent: true, backend: 'os-keychain', description: 'Sealed by the desktop app; not readable from plain Node.' },
  encrypt: () => Promise.reject(new Error('media-desk never writes secrets')),
  decrypt: () => Promise.reject(new Error('sealed by the OS keychain')),
  decryptUnbound: () => Promise.reject(new Error('sealed by the OS keychain')),
};

async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

export async function openAppData(dataDir: string, warn: (text: string) => void): Promise<AppData> {
  const info = await fs.stat(dataDir).catch(() => null);
  if (!info?.isDirectory()) {
    throw new AppError('io', `There is no Media Desk data folder at ${dataDir}. Start the app once, or give its folder with --data-dir.`);
  }
  // Only open a key that exists: creating one here would leave a vault.key the desktop app never asked for.
  let cipher = keychainOnlyCipher;
  let sealedBecause = 'they were saved by the desktop app in the OS keychain, which media-desk cannot open';
  if (await isFile(path.join(dataDir, 'vault.key'))) {
    try {
      cipher = await createKeyFileCipher(dataDir, { readOnly: true });
      for (const notice of cipher.notices ?? []) warn(notice.message);
      sealedBecause = 'they were sealed by the OS keychain or on another machine';
    } catch {
      warn('The vault key (vault.key) in the data folder is damaged: saved passwords cannot be read.');
      sealedBecause = 'the vault key is damaged';
    }
  }
  const vault = new SecretVault(dataDir, cipher, { readOnly: true });
  const report = await vault.load();
  if (report.corruptMovedTo) warn(`The saved passwords file was damaged and was set aside as ${path.basename(report.corruptMovedTo)}.`);
  const accounts = new AccountStore(dataDir, vault);
  const load = await accounts.load({ readOnly: true });
  if (load.status === 'unreadable' || load.status === 'corrupt') {
    // Left as it is: setting it aside is the app's to do (and say), not a reader's.
    throw new AppError('io', `The accounts file is damaged (${load.reason}). Start Media Desk: it keeps the file aside and tells you what it could recover.`);
  }
  for (const bad of load.status === 'ok' ? load.rejected : []) {
    warn(`An account in the accounts file cannot be read and is left out (${bad.label ?? bad.id ?? 'no name'}: ${bad.reason}).`);
  }
  return { dataDir, accounts, vault, unreadable: report.unreadable, sealedBecause };
}
