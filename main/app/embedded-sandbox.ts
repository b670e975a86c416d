// The sandbox inside the app: started on a random loopback port when the setting is on, and the source of the
// three default accounts. Its port changes at every start, so the sandbox accounts' URLs and credentials are
// refreshed from its accounts file each time; they are created once, and an account the user removed stays gone.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AccountConfig, AccountKind } from '../common/accounts.js';
import type { Phrase } from '../common/i18n/phrase.js';
import { readJsonFile, writeJsonAtomic } from '../core/storage/atomic.js';
import type { AccountStore } from '../core/accounts/account-store.js';
import { startSandbox, type Sandbox, type SandboxAccounts } from '../sandbox/index.js';

const appStateSchema = z.object({ sandboxAccountsCreated: z.boolean().optional() }).passthrough();

/** The three default accounts as the app stores them, with each one's secret. */
export function sandboxAccountConfigs(accounts: SandboxAccounts): Array<{ config: AccountConfig; secret: string }> {
  const settings = Object.fromEntries(Object.entries(accounts.generic.settings).filter(([, value]) => value !== '')) as Extract<AccountConfig, { kind: 'generic' }>['settings'];
  return [
    {
      config: { kind: 'generic', label: accounts.generic.label, sandbox: true, settings, username: accounts.generic.username, variables: accounts.generic.variables },
      secret: accounts.generic.password,
    },
    {
      config: {
        kind: 'library',
        label: accounts.library.label,
        sandbox: true,
        serverUrl: accounts.library.serverUrl,
        domain: accounts.library.domain,
        userId: accounts.library.userId,
        appId: accounts.library.appId,
      },
      secret: accounts.library.password,
    },
    {
      config: { kind: 'twilio', label: accounts.twilio.label, sandbox: true, baseUrl: accounts.twilio.baseUrl, accountSid: accounts.twilio.accountSid, authMode: 'authToken' },
      secret: accounts.twilio.authToken,
    },
  ];
}

export type SandboxSyncOutcome =
  | { outcome: 'created' | 'updated' }
  /** app-state.json was damaged (kept as `movedTo`): the accounts were not created again. */
  | { outcome: 'kept'; movedTo: string; reason: Phrase };

/**
 * Creates the sandbox accounts on the first start, and points the existing ones at the running sandbox. When
 * app-state.json cannot be read, whether they were created is taken from accounts.json: a folder with an accounts
 * file is not a first start, so a sandbox account the user removed is not brought back.
 */
export async function syncSandboxAccounts(dataDir: string, store: AccountStore, sandboxAccounts: SandboxAccounts): Promise<SandboxSyncOutcome> {
  const stateFile = path.join(dataDir, 'app-state.json');
  const read = await readJsonFile(stateFile, appStateSchema);
  const state = read.status === 'ok' ? read.value : {};
  const wanted = sandboxAccountConfigs(sandboxAccounts);
  const firstStart = read.status === 'missing' || !(await isFile(path.join(dataDir, 'accounts.json')));
  if (!state.sandboxAccountsCreated && (read.status !== 'corrupt' || firstStart)) {
    for (const { config, secret } of wanted) await store.create(config, secret);
    await writeJsonAtomic(stateFile, { ...state, sandboxAccountsCreated: true });
    return { outcome: 'created' };
  }
  if (read.status === 'corrupt') await writeJsonAtomic(stateFile, { sandboxAccountsCreated: true });
  await refreshSandboxAccounts(store, wanted);
  return read.status === 'corrupt' ? { outcome: 'kept', movedTo: read.movedTo, reason: read.reason } : { outcome: 'updated' };
}

async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function refreshSandboxAccounts(store: AccountStore, wanted: ReturnType<typeof sandboxAccountConfigs>): Promise<void> {
  for (const { config, secret } of wanted) {
    const existing = store.list().filter((a) => a.sandbox && a.kind === config.kind);
    for (const account of existing) await store.update(account.id, { ...config, label: account.label }, secret);
  }
}

export async function startEmbeddedSandbox(dataDir: string): Promise<Sandbox> {
  return startSandbox({ dataDir: path.join(dataDir, 'sandbox'), port: 0 });
}

export type { AccountKind };
