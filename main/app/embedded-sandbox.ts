// The sandbox inside the app: started on a random loopback port when the setting is on, and the source of the
// three default accounts. Its port changes at every start, so the sandbox accounts' URLs and credentials are
// refreshed from its accounts file each time; they are created once, and an account the user removed stays gone until
// the user asks for the sandbox accounts again (restoreSandboxAccounts, from Settings).
// Only accounts main marked (core/accounts/sandbox-mark.ts) and that still point where the sandbox was are
// refreshed: app-state.json keeps the sandbox's last origins for that, since its port is new at each start.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { accountLabelKey, type AccountConfig, type AccountKind, type AccountSummary } from '../common/accounts.js';
import type { SandboxRestoreResult } from '../common/methods/core.js';
import type { Phrase } from '../common/i18n/phrase.js';
import { readJsonFile, writeJsonAtomic } from '../core/storage/atomic.js';
import type { AccountStore } from '../core/accounts/account-store.js';
import { pointsOnlyAt } from '../core/accounts/sandbox-mark.js';
import { startSandbox, type Sandbox, type SandboxAccounts } from '../sandbox/index.js';

const appStateSchema = z
  .object({
    sandboxAccountsCreated: z.boolean().optional(),
    /** Where the sandbox accounts point: the origin of the sandbox main last refreshed them to. */
    sandboxOrigins: z.array(z.string()).optional(),
  })
  .passthrough();

/** Before app-state.json kept the origins, the sandbox was already always on 127.0.0.1 over http, at some port. */
const LEGACY_SANDBOX_ORIGIN = /^http:\/\/127\.0\.0\.1:\d+$/;

/** The three default accounts as the app stores them, with each one's secret (the store adds the mark: create's option). */
export function sandboxAccountConfigs(accounts: SandboxAccounts): Array<{ config: AccountConfig; secret: string }> {
  const settings = Object.fromEntries(Object.entries(accounts.generic.settings).filter(([, value]) => value !== '')) as Extract<AccountConfig, { kind: 'generic' }>['settings'];
  return [
    {
      config: { kind: 'generic', label: accounts.generic.label, settings, username: accounts.generic.username, variables: accounts.generic.variables },
      secret: accounts.generic.password,
    },
    {
      config: {
        kind: 'library',
        label: accounts.library.label,
        serverUrl: accounts.library.serverUrl,
        domain: accounts.library.domain,
        userId: accounts.library.userId,
        appId: accounts.library.appId,
      },
      secret: accounts.library.password,
    },
    {
      config: { kind: 'twilio', label: accounts.twilio.label, baseUrl: accounts.twilio.baseUrl, accountSid: accounts.twilio.accountSid, authMode: 'authToken' },
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
  const current = new URL(sandboxAccounts.baseUrl).origin;
  const firstStart = read.status === 'missing' || !(await isFile(path.join(dataDir, 'accounts.json')));
  if (!state.sandboxAccountsCreated && (read.status !== 'corrupt' || firstStart)) {
    for (const { config, secret } of wanted) await createSandboxAccount(store, config, secret);
    await writeJsonAtomic(stateFile, { ...state, sandboxAccountsCreated: true, sandboxOrigins: [current] });
    return { outcome: 'created' };
  }
  const kept = read.status === 'corrupt' ? { sandboxAccountsCreated: true } : state;
  const previous = state.sandboxOrigins;
  // Both origins are kept while the accounts move, so that a start cut short between them leaves none behind.
  if (previous) await writeJsonAtomic(stateFile, { ...kept, sandboxOrigins: [...new Set([...previous, current])] });
  const wasSandbox = previous ? (origin: string) => origin === current || previous.includes(origin) : (origin: string) => LEGACY_SANDBOX_ORIGIN.test(origin);
  await refreshSandboxAccounts(store, wanted, wasSandbox);
  await writeJsonAtomic(stateFile, { ...kept, sandboxOrigins: [current] });
  return read.status === 'corrupt' ? { outcome: 'kept', movedTo: read.movedTo, reason: read.reason } : { outcome: 'updated' };
}

/**
 * Makes again, at the window's request, the sandbox accounts the user removed: one per kind that has no marked
 * account. An account is the sandbox's only by main's mark, never by its label, so an account of the user's (one
 * named like the sandbox's, or a sandbox account they moved to their own server) is neither touched nor counted.
 * app-state.json is written first: with the running sandbox among its origins, the next start refreshes the new
 * accounts rather than taking them for the user's.
 */
export async function restoreSandboxAccounts(dataDir: string, store: AccountStore, sandboxAccounts: SandboxAccounts): Promise<SandboxRestoreResult> {
  const stateFile = path.join(dataDir, 'app-state.json');
  const read = await readJsonFile(stateFile, appStateSchema);
  const state = read.status === 'ok' ? read.value : {};
  const current = new URL(sandboxAccounts.baseUrl).origin;
  await writeJsonAtomic(stateFile, { ...state, sandboxAccountsCreated: true, sandboxOrigins: [...new Set([...(state.sandboxOrigins ?? []), current])] });
  const marked = new Set(store.list().filter((a) => a.sandbox === true).map((a) => a.kind));
  const added: AccountSummary[] = [];
  const present: AccountKind[] = [];
  for (const { config, secret } of sandboxAccountConfigs(sandboxAccounts)) {
    if (marked.has(config.kind)) present.push(config.kind);
    else added.push(await createSandboxAccount(store, config, secret));
  }
  return { added, present };
}

/**
 * Makes a sandbox account under the sandbox's name, or, when another account already has that name (by the one rule,
 * accountLabelKey), under the first of "NAME 2", "NAME 3"… that none has: `--account NAME` must find one account.
 */
async function createSandboxAccount(store: AccountStore, config: AccountConfig, secret: string): Promise<AccountSummary> {
  const taken = new Set(store.list().map((a) => accountLabelKey(a.label)));
  let label = config.label;
  for (let n = 2; taken.has(accountLabelKey(label)); n += 1) label = `${config.label} ${n}`;
  return store.create({ ...config, label }, secret, {}, { sandboxAccount: true });
}

async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * A marked account still at the sandbox is pointed at the running one; a marked account that points elsewhere (the
 * user moved it, or a version that let the window set the mark marked it) loses the mark and keeps what it has.
 */
async function refreshSandboxAccounts(store: AccountStore, wanted: ReturnType<typeof sandboxAccountConfigs>, wasSandbox: (origin: string) => boolean): Promise<void> {
  for (const account of store.list().filter((a) => a.sandbox)) {
    const config = store.config(account.id);
    const fresh = wanted.find((w) => w.config.kind === account.kind);
    if (fresh && pointsOnlyAt(config, wasSandbox)) await store.update(account.id, { ...fresh.config, label: account.label }, fresh.secret, {}, { sandboxAccount: true });
    else await store.update(account.id, config, undefined, {}, { sandboxAccount: false });
  }
}

export async function startEmbeddedSandbox(dataDir: string): Promise<Sandbox> {
  return startSandbox({ dataDir: path.join(dataDir, 'sandbox'), port: 0 });
}

export type { AccountKind };
