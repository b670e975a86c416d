// The app's data folder as the CLI sees it: its accounts, its vault and its proxy setting, read with the same stores
// and rules the app uses.
//
// Not bootApp: booting does things that belong to the one running app (removing stale temp files, resetting the
// staging folder, loading the transfer queue, starting the embedded sandbox), which would race the app if it is
// open. The CLI only reads: it never writes an account, a secret or a setting.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../common/errors.js';
import type { MessageKey } from '../common/i18n/catalogue.js';
import { phrase, type Phrase } from '../common/i18n/phrase.js';
import type { ProxySetting } from '../common/proxy.js';
import { AccountStore } from '../core/accounts/account-store.js';
import { inspectSettings } from '../core/settings-store.js';
import { sandboxOfRunningApp } from '../core/storage/instance-lock.js';
import { createKeyFileCipher, type CipherNotice, type SecretCipher } from '../core/vault/cipher.js';
import { SecretVault } from '../core/vault/vault.js';
import { cliWords, type CliWords } from './words.js';

export interface AppData {
  dataDir: string;
  accounts: AccountStore;
  vault: SecretVault;
  /** Vault entries that exist but cannot be unsealed here. */
  unreadable: readonly string[];
  /** Why sealed secrets cannot be opened here, for messages. */
  sealedBecause: MessageKey;
  /** The app's Network setting (Settings → Network), which the CLI may follow (main/cli/proxy.ts). */
  proxy: ProxySetting;
  /** Where the embedded sandbox of the app running on this folder listens, as it announced it; null when none runs. */
  runningSandbox: string | null;
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

/** `warn` is told each problem in `words`' language (English unless told). */
export async function openAppData(dataDir: string, warnText: (text: string) => void, words: CliWords = cliWords('en')): Promise<AppData> {
  const warn = (said: Phrase | CipherNotice): void => warnText('key' in said ? words.said(said) : words.sayError(said));
  const info = await fs.stat(dataDir).catch(() => null);
  if (!info?.isDirectory()) {
    throw new AppError('io', phrase('cli:data.noFolder', { folder: dataDir }));
  }
  // Only open a key that exists: creating one here would leave a vault.key the desktop app never asked for.
  let cipher = keychainOnlyCipher;
  let sealedBecause: MessageKey = 'cli:secret.because.keychain';
  if (await isFile(path.join(dataDir, 'vault.key'))) {
    try {
      cipher = await createKeyFileCipher(dataDir, { readOnly: true });
      for (const notice of cipher.notices ?? []) warn(notice);
      sealedBecause = 'cli:secret.because.otherMachine';
    } catch {
      warn(phrase('cli:data.vaultKeyDamaged'));
      sealedBecause = 'cli:secret.because.keyDamaged';
    }
  }
  const vault = new SecretVault(dataDir, cipher, { readOnly: true });
  const report = await vault.load();
  if (report.corruptMovedTo) warn(phrase('cli:data.vaultDamaged', { file: path.basename(report.corruptMovedTo) }));
  const accounts = new AccountStore(dataDir, vault);
  const load = await accounts.load({ readOnly: true });
  if (load.status === 'unreadable' || load.status === 'corrupt') {
    // Left as it is: setting it aside is the app's to do (and say), not a reader's.
    throw new AppError('io', phrase('cli:data.accountsDamaged', { reason: load.reason }));
  }
  for (const bad of load.status === 'ok' ? load.rejected : []) {
    warn(bad.label ?? bad.id ? phrase('cli:data.accountLeftOut', { account: bad.label ?? bad.id ?? '', reason: bad.reason }) : phrase('cli:data.unnamedAccountLeftOut', { reason: bad.reason }));
  }
  const settings = await inspectSettings(dataDir);
  if (settings.unreadable !== undefined) warn(phrase('cli:data.settingsDamaged', { reason: settings.unreadable }));
  return { dataDir, accounts, vault, unreadable: report.unreadable, sealedBecause, proxy: settings.settings.proxy, runningSandbox: sandboxOfRunningApp(dataDir) };
}
