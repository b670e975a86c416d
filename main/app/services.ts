// Composition: the services one running app has, whatever host it runs in. Hosts add their capabilities
// (dialogs, opening links…) through HostCapabilities and carry the contract to the UI.
import { inEnglish, phrase, type Phrase } from '../common/i18n/phrase.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AppInfo, Notice, UpdateStatus } from '../common/contract.js';
import { AddressBookStore } from '../core/address-book-store.js';
import { AccountStore } from '../core/accounts/account-store.js';
import { ActivityLog } from '../core/log/activity-log.js';
import { createRedactor } from '../core/log/redact.js';
import { keptStrings, stringsIn } from './window-strings.js';
import { SettingsStore } from '../core/settings-store.js';
import { removeStaleTemps } from '../core/storage/atomic.js';
import { memoryOnlyCipher, type SecretCipher } from '../core/vault/cipher.js';
import { SecretVault } from '../core/vault/vault.js';
import { TransferQueue } from '../core/transfers/transfer-queue.js';
import { KEPT_FILES_DIR, removeOrphanedKeptFiles } from '../core/files/staging.js';
import { sayable, toAppError } from '../common/errors.js';
import { EventBus } from './events.js';
import { logRequests } from './request-log.js';
import { useRoutePicker } from '../providers/http/proxy-route.js';
import { proxyFromEnv } from '../providers/http/proxy-env.js';
import { describeSystemTrust, trustSystemCertificates } from '../providers/http/trusted-roots.js';
import { PROXY_PASSWORD_KEY } from '../common/proxy.js';
import { createProxyPicker, pacPicker } from './proxy.js';
import { registerRunners } from './runners/index.js';
import { WRITTEN_FILES, WrittenFiles } from './written-files.js';

export interface HostCapabilities {
  host: AppInfo['host'];
  /** Opens an already validated http(s) URL in the user's browser. */
  openExternal(url: string): Promise<void>;
  /** The URL the UI loads a registered media stream from. */
  mediaUrl(token: string): string;
  /**
   * Asks the user for a folder; null when cancelled. Hosts without dialogs give their Downloads folder, unpicked.
   * The answer becomes a grant (main/app/grants.ts): the window only ever gets its id. `startIn`: where the dialog
   * opens (the folder last chosen for this kind of download, checked to be writable, else Downloads).
   */
  pickFolder(title: string, startIn: string): Promise<{ path: string; picked: boolean } | null>;
  /** The browser host's Downloads folder, shown in Settings (fixed when the host starts, never by the window). */
  downloadFolder?: string;
  /** The app's own updates: only the desktop app has them (the other hosts leave this out). */
  updates?: UpdatesPort;
  /** The OS's languages, most preferred first (Electron's app.getLocale()): the menu's and notifications'. */
  systemLanguages?: () => readonly string[];
}

export interface UpdatesPort {
  status(): UpdateStatus;
  check(): Promise<UpdateStatus>;
  download(): Promise<UpdateStatus>;
  install(): void;
}

export interface AppServicesOptions {
  dataDir: string;
  version: string;
  /** Chooses the cipher once settings are known (Electron asks whether weak storage was opted in). */
  cipher: (settings: { persistSecretsWithoutKeyring: boolean }) => Promise<SecretCipher>;
  host: HostCapabilities;
  /**
   * The OS's proxy for a URL, in Chromium's words ("PROXY host:port; DIRECT"): the desktop app's session. Without
   * it, "system" means the environment's HTTPS_PROXY / HTTP_PROXY / NO_PROXY.
   */
  resolveProxy?: (url: string) => Promise<string>;
  /** The environment read for proxies when there is no resolveProxy (tests give their own). */
  env?: Record<string, string | undefined>;
}

export class NoticeBoard {
  private readonly notices: Notice[] = [];
  constructor(private readonly events: EventBus) {}

  /** A phrase is sent with its English words (for the log, which gets the returned text); a string as it is. */
  add(level: Notice['level'], said: string | Phrase): string {
    const message = typeof said === 'string' ? said : inEnglish(said);
    const notice: Notice = { id: `n${Date.now().toString(36)}${this.notices.length}`, level, message, ...(typeof said === 'string' ? {} : { phrase: said }) };
    this.notices.push(notice);
    this.events.emit('notice', notice);
    return message;
  }
  list(): Notice[] {
    return [...this.notices];
  }
  dismiss(id: string): void {
    const index = this.notices.findIndex((n) => n.id === id);
    if (index >= 0) this.notices.splice(index, 1);
  }
}

export type AppServices = Awaited<ReturnType<typeof createAppServices>>;

export async function createAppServices(options: AppServicesOptions) {
  const { dataDir } = options;
  // The data folder holds the vault and the log: the user's only. (An existing folder keeps its mode.)
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  await removeStaleTemps(dataDir);
  const events = new EventBus();
  const notices = new NoticeBoard(events);
  const settings = new SettingsStore(dataDir);
  const settingsLoad = await settings.load();
  let cipherProblem: Phrase | undefined;

  const cipher = await options.cipher(settings.get()).catch((err: unknown): SecretCipher => {
    // Saved passwords are worth a notice, not a refusal to start.
    cipherProblem = phrase('desktop:notice.passwordsMemoryOnly', { reason: sayable(err) });
    return memoryOnlyCipher;
  });
  const vault = new SecretVault(dataDir, cipher);
  const accounts = new AccountStore(dataDir, vault);
  // One redactor for everything that is written or shown: the log, the transfer list, errors sent to the UI. What
  // main keeps of the window's words it quotes long after the call that carried them, even after a restart ("Queued …
  // to <label>", a job's folder and files, an address-book name): the accounts, the settings, and, once their stores
  // are read, the address book and what each transfer is called and was given.
  // The address book and the transfer list, which may hold thousands, hand out the same object until they change.
  const keptWindowTexts: Array<() => readonly string[]> = [() => accounts.list().flatMap((account) => stringsIn(account)), () => stringsIn(settings.get())];
  const redact = createRedactor(() => vault.allValues(), { windowTexts: () => keptWindowTexts.map((texts) => texts()) });
  const log = new ActivityLog({ dataDir, redact });

  if (settingsLoad.status === 'corrupt') {
    log.warn('storage', notices.add('warn', phrase('desktop:notice.settingsDamaged', { reason: settingsLoad.reason, file: path.basename(settingsLoad.movedTo) })));
  }
  if (cipherProblem) log.error('vault', notices.add('error', cipherProblem));
  for (const notice of cipher.notices ?? []) {
    notices.add(notice.level, sayable(notice));
    log.add(notice.level, 'vault', notice.message);
  }
  if (settingsLoad.status === 'ok' && settingsLoad.reset.length > 0) {
    const which = settingsLoad.reset.map((r) => phrase('desktop:notice.settingReset', { key: r.key, value: r.value, default: JSON.stringify(r.default) }));
    const said = settingsLoad.keptAs
      ? phrase('desktop:notice.settingsResetKept', { which, file: path.basename(settingsLoad.keptAs) })
      : phrase('desktop:notice.settingsReset', { which });
    log.warn('storage', notices.add('warn', said));
  }
  const vaultLoad = await vault.load();
  if (vaultLoad.setAsideForNewKey) log.warn('vault', `The saved passwords sealed under the old key were set aside as ${path.basename(vaultLoad.setAsideForNewKey)}.`);
  if (vaultLoad.corruptMovedTo) {
    notices.add('error', phrase('desktop:notice.vaultDamaged', { file: path.basename(vaultLoad.corruptMovedTo) }));
  }
  if (vaultLoad.unreadable.length > 0) {
    notices.add('warn', phrase('desktop:notice.passwordsUnreadable', { count: vaultLoad.unreadable.length }));
  }
  const accountsLoad = await accounts.load();
  if (accountsLoad.status === 'corrupt') {
    log.error('storage', notices.add('error', phrase('desktop:notice.accountsDamaged', { reason: accountsLoad.reason, file: path.basename(accountsLoad.movedTo) })));
  } else if (accountsLoad.status !== 'ok' || accountsLoad.rejected.length === 0) {
    // Secrets of accounts that are gone (removed while a write failed, an older version). Not after a damaged
    // accounts file or a damaged entry: those accounts may come back from the copy set aside, and their passwords
    // with them.
    await accounts.removeOrphanSecrets().catch((err: unknown) => log.warn('vault', `Could not clear the saved passwords of removed accounts: ${err instanceof Error ? err.message : String(err)}`));
  }
  if (accountsLoad.status === 'ok' && accountsLoad.rejected.length > 0) {
    const which = accountsLoad.rejected.map((r) => {
      const account = r.label !== undefined ? phrase('desktop:notice.accountNamed', { label: r.label }) : phrase('desktop:notice.accountUnnamed');
      return r.id !== undefined ? phrase('desktop:notice.accountUnreadWithId', { account, id: r.id, reason: r.reason }) : phrase('desktop:notice.accountUnread', { account, reason: r.reason });
    });
    const count = accountsLoad.rejected.length;
    const said = accountsLoad.keptAs
      ? phrase('desktop:notice.accountsUnreadableKept', { count, which, file: path.basename(accountsLoad.keptAs) })
      : phrase('desktop:notice.accountsUnreadable', { count, which });
    log.error('storage', notices.add('error', said));
  }

  const addressBook = new AddressBookStore(dataDir);
  const addressBookLoad = await addressBook.load();
  if (addressBookLoad.status === 'corrupt') {
    log.warn('storage', notices.add('warn', phrase('desktop:notice.addressBookDamaged', { reason: addressBookLoad.reason, file: path.basename(addressBookLoad.movedTo) })));
  } else if (addressBookLoad.status === 'ok' && addressBookLoad.keptAs) {
    log.warn('storage', notices.add('warn', phrase('desktop:notice.addressBookEntriesLeftOut', { count: addressBookLoad.rejected, file: path.basename(addressBookLoad.keptAs) })));
  }

  keptWindowTexts.push(keptStrings(() => addressBook.held()));

  const transfers = new TransferQueue({
    dataDir,
    concurrency: settings.get().concurrency,
    onSaveError: (err, attempt) => {
      const reason = toAppError(err).message;
      log.error('transfers', `Could not save the transfer list (attempt ${attempt}): ${reason}`);
      if (attempt === 1) {
        notices.add('error', phrase('desktop:notice.transfersNotSaved', { reason }));
      }
    },
    onSaveRecovered: () => {
      log.info('transfers', 'The transfer list is saved again.');
      notices.add('info', phrase('desktop:notice.transfersSavedAgain'));
    },
    redact,
  });
  keptWindowTexts.push(keptStrings(() => transfers.jobWords()));
  const transfersLoad = await transfers.load();
  if (transfersLoad.corruptMovedTo) {
    notices.add('warn', phrase('desktop:notice.transfersDamaged', { file: path.basename(transfersLoad.corruptMovedTo) }));
  } else {
    // Files kept for jobs that are not in the list (their save was lost) would stay forever. Not when the list
    // was damaged: the copy set aside may still name them.
    const orphans = await removeOrphanedKeptFiles(path.join(dataDir, KEPT_FILES_DIR), transfers.ownedFiles());
    if (orphans.length > 0) log.info('transfers', `Removed ${orphans.length} kept file(s) no transfer owns.`);
  }
  transfers.onChange((changed, summary) => events.emit('transfers.changed', { changed, summary }));
  // The files downloads saved, kept across restarts: an "overwrite" may replace only those (main/app/grants.ts).
  const written = new WrittenFiles(path.join(dataDir, WRITTEN_FILES));
  await written.load();
  registerRunners(transfers, { accounts, log, written });
  settings.onChange((s) => transfers.setConcurrency(s.concurrency));

  accounts.onChange((list) => events.emit('accounts.changed', list));
  settings.onChange((s) => events.emit('settings.changed', s));
  log.onEntry((entry) => events.emit('log.appended', entry));
  logRequests(log);
  // Every request of the three protocols goes through the transport, which asks this picker for its route.
  useRoutePicker(
    createProxyPicker({
      setting: () => settings.get().proxy,
      password: () => vault.get(PROXY_PASSWORD_KEY),
      system: options.resolveProxy ? pacPicker(options.resolveProxy) : proxyFromEnv(options.env ?? process.env),
    }),
  );
  log.info('app', `Media Desk ${options.version} started (${options.host.host} host).`);
  // Before any request: a connection made earlier keeps the list it was made with.
  log.info('network', describeSystemTrust(trustSystemCertificates()));

  return { dataDir, version: options.version, host: options.host, events, notices, settings, vault, log, accounts, addressBook, transfers, written, redact, cipherFor: options.cipher };
}
