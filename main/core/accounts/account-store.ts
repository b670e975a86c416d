// Accounts: configurations in accounts.json (no secrets), each account's one secret in the vault.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { authPasswordsAfter, secretDestinationChanged } from '../../common/secret-binding.js';
import { GENERIC_AUTH_PASSWORD_KEYS, SECRET_NAME, accountConfigSchema, type AccountConfig, type AccountSummary, type GenericAuthPasswordKey } from '../../common/accounts.js';
import { AppError, sayable, toAppError } from '../../common/errors.js';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import { asideName, inspectJsonFile, readJsonFile, writeJsonAtomic } from '../storage/atomic.js';
import type { SecretVault } from '../vault/vault.js';
import { keepsSandboxMark, withSandboxMark } from './sandbox-mark.js';

const storedAccountSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  config: accountConfigSchema,
});
type StoredAccount = z.infer<typeof storedAccountSchema>;
// Entries are checked one by one, so one bad entry (a hand edit, a newer version's kind) costs only itself.
const accountsFileSchema = z.object({ version: z.literal(1), accounts: z.array(z.unknown()) });

/** An entry of accounts.json that is not an account this version can use; the file was kept aside whole. */
export interface RejectedAccount {
  id?: string;
  label?: string;
  /** What is wrong with the entry: its place in the file and the schema's words (English, a detail for support). */
  reason: Phrase;
}

export type AccountsLoadResult =
  | { status: 'ok'; rejected: RejectedAccount[]; keptAs?: string }
  | { status: 'missing' }
  | { status: 'corrupt'; movedTo: string; reason: Phrase }
  /** Read-only: the file is damaged and was left as it is. */
  | { status: 'unreadable'; reason: Phrase };

/** The HTTP authentication passwords of a generic account's services: a string sets one, null removes it, absent keeps it. */
export type AuthSecretsInput = Partial<Record<GenericAuthPasswordKey, string | null>>;

/**
 * Main's own say on the sandbox mark (sandbox-mark.ts). Without it, `config.sandbox` is never read: a new account is
 * unmarked, an edited one keeps its mark only while it still points where it did.
 */
export interface SandboxMarkOption {
  /** Whether the account is the embedded sandbox's (main's decision; not Electron's renderer sandbox). */
  sandboxAccount?: boolean;
}

export interface AccountsLoadOptions {
  /** The CLI only reads: bad entries are left out of the list, and nothing is copied or set aside. */
  readOnly?: boolean;
}

export class AccountStore {
  private accounts: StoredAccount[] = [];
  private readonly file: string;
  private readonly listeners = new Set<(accounts: AccountSummary[]) => void>();
  /** Serialises writes so two quick edits cannot interleave. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly vault: SecretVault,
  ) {
    this.file = path.join(dataDir, 'accounts.json');
  }

  async load(options: AccountsLoadOptions = {}): Promise<AccountsLoadResult> {
    const read = options.readOnly ? await inspectJsonFile(this.file, accountsFileSchema) : await readJsonFile(this.file, accountsFileSchema);
    if (read.status !== 'ok') return read;
    const accounts: StoredAccount[] = [];
    const rejected: RejectedAccount[] = [];
    for (const [index, raw] of read.value.accounts.entries()) {
      const parsed = storedAccountSchema.safeParse(raw);
      if (parsed.success) accounts.push(parsed.data);
      else rejected.push(describeRejected(raw, index, parsed.error));
    }
    this.accounts = accounts;
    if (rejected.length === 0 || options.readOnly) return { status: 'ok', rejected };
    // The good entries are used; the file as it was is kept whole beside it before anything rewrites it.
    const keptAs = asideName(this.file);
    await fs.copyFile(this.file, keptAs);
    return { status: 'ok', rejected, keptAs };
  }

  onChange(listener: (accounts: AccountSummary[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): AccountSummary[] {
    return this.accounts.map((a) => this.summarize(a));
  }

  get(id: string): AccountSummary {
    return this.summarize(this.find(id));
  }

  config(id: string): AccountConfig {
    return this.find(id).config;
  }

  /** For main only: the account's secret, to put in a request. Never crosses the contract. */
  secret(id: string): string | undefined {
    const account = this.find(id);
    return this.vault.get(secretKey(account.id, account.config.kind));
  }

  /** For main only: a generic account's HTTP authentication passwords, by setting name. */
  authSecrets(id: string): Partial<Record<GenericAuthPasswordKey, string>> {
    const account = this.find(id);
    const out: Partial<Record<GenericAuthPasswordKey, string>> = {};
    if (account.config.kind !== 'generic') return out;
    for (const name of GENERIC_AUTH_PASSWORD_KEYS) {
      const value = this.vault.get(authSecretKey(id, name));
      if (value !== undefined) out[name] = value;
    }
    return out;
  }

  async create(given: AccountConfig, secret?: string, authSecrets: AuthSecretsInput = {}, mark: SandboxMarkOption = {}): Promise<AccountSummary> {
    const config = withSandboxMark(given, mark.sandboxAccount === true);
    const now = new Date().toISOString();
    const account: StoredAccount = { id: `acc_${randomBytes(8).toString('hex')}`, createdAt: now, updatedAt: now, config };
    const key = secretKey(account.id, config.kind);
    try {
      if (secret !== undefined && secret !== '') await this.vault.set(key, secret);
      await this.writeAuthSecrets(account.id, config, authSecrets);
      await this.commit((list) => [...list, account]);
    } catch (err) {
      // No secret stays behind for an account that was not saved.
      await this.vault.deleteWhere((name) => accountIdOfSecret(name) === account.id).catch(() => undefined);
      throw saveError(err, config.label);
    }
    return this.summarize(account);
  }

  async update(id: string, given: AccountConfig, secret?: string | null, authSecrets: AuthSecretsInput = {}, mark: SandboxMarkOption = {}): Promise<AccountSummary> {
    const existing = this.find(id);
    const config = withSandboxMark(given, mark.sandboxAccount ?? keepsSandboxMark(existing.config, given));
    if (existing.config.kind !== config.kind) throw new AppError('validation', phrase('errors:accounts.kindFixed'), { field: 'config.kind' });
    const updated: StoredAccount = { ...existing, config, updatedAt: new Date().toISOString() };
    const key = secretKey(id, config.kind);
    // A saved secret does not follow the account to another server: a new destination needs it typed again.
    const savedAuth = this.authSecrets(id);
    const moved = secretDestinationChanged(existing.config, config, { previous: savedAuth, next: authPasswordsAfter(savedAuth, authSecrets) });
    if (secret === undefined && moved) secret = null;
    const auth: AuthSecretsInput = { ...authSecrets };
    if (config.kind === 'generic') for (const name of GENERIC_AUTH_PASSWORD_KEYS) if (auth[name] === undefined && moved) auth[name] = null;
    try {
      if (secret === null || secret === '') await this.vault.delete(key);
      else if (secret !== undefined) await this.vault.set(key, secret);
      await this.writeAuthSecrets(id, config, auth);
      await this.commit((list) => list.map((a) => (a.id === id ? updated : a)));
    } catch (err) {
      throw saveError(err, config.label);
    }
    return this.summarize(updated);
  }

  async remove(id: string): Promise<void> {
    const account = this.find(id);
    await this.commit((list) => list.filter((a) => a.id !== id)).catch((err: unknown) => Promise.reject(saveError(err, account.config.label)));
    // Every entry of the account, whatever its name (a failure here is cleared as an orphan at the next start).
    await this.vault.deleteWhere((name) => accountIdOfSecret(name) === id);
  }

  /** Deletes the vault entries of accounts that no longer exist. */
  async removeOrphanSecrets(): Promise<void> {
    const ids = new Set(this.accounts.map((a) => a.id));
    await this.vault.deleteWhere((name) => {
      const owner = accountIdOfSecret(name);
      return owner !== undefined && !ids.has(owner);
    });
  }

  private async writeAuthSecrets(id: string, config: AccountConfig, secrets: AuthSecretsInput): Promise<void> {
    for (const name of GENERIC_AUTH_PASSWORD_KEYS) {
      const value = secrets[name];
      if (value === undefined) continue;
      if (config.kind !== 'generic') throw new AppError('validation', phrase('errors:accounts.genericOnly', { name }), { field: name });
      if (value === null || value === '') await this.vault.delete(authSecretKey(id, name));
      else await this.vault.set(authSecretKey(id, name), value);
    }
  }

  private find(id: string): StoredAccount {
    const account = this.accounts.find((a) => a.id === id);
    if (!account) throw new AppError('not_found', phrase('errors:accounts.gone'));
    return account;
  }

  private summarize(account: StoredAccount): AccountSummary {
    return {
      ...account.config,
      id: account.id,
      createdAt: account.createdAt,
      updatedAt: account.updatedAt,
      secretSet: this.vault.has(secretKey(account.id, account.config.kind)),
      ...(account.config.kind === 'generic' ? { authSecretsSet: GENERIC_AUTH_PASSWORD_KEYS.filter((name) => this.vault.has(authSecretKey(account.id, name))) } : {}),
    };
  }

  /**
   * Applies a change to the list once it is on disk, one change after the other: a failed write (a full disk)
   * leaves the list as the file has it, so the UI never shows an account that would be gone after a restart.
   */
  private commit(change: (list: StoredAccount[]) => StoredAccount[]): Promise<void> {
    const run = this.writing.catch(() => undefined).then(async () => {
      const next = change(this.accounts);
      await writeJsonAtomic(this.file, { version: 1 as const, accounts: next });
      this.accounts = next;
    });
    this.writing = run;
    return run.then(() => {
      const list = this.list();
      for (const listener of this.listeners) listener(list);
    });
  }
}

/** A local failure while saving, naming the account: "Could not save the account "Work": the disk is full." */
function saveError(err: unknown, label: string): AppError {
  const error = toAppError(err);
  if (error.code !== 'io') return error;
  return new AppError('io', phrase('errors:accounts.saveFailed', { label, reason: sayable(error) }));

}

function describeRejected(raw: unknown, index: number, error: z.ZodError): RejectedAccount {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const config = typeof record.config === 'object' && record.config !== null ? (record.config as Record<string, unknown>) : {};
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return {
    ...(typeof record.id === 'string' ? { id: record.id.slice(0, 64) } : {}),
    ...(typeof config.label === 'string' ? { label: config.label.slice(0, 120) } : {}),
    reason: phrase('errors:accounts.entryUnusable', { entry: index + 1, detail: `${where}${issue?.message ?? 'invalid'}` }),
  };
}

function secretKey(accountId: string, kind: AccountConfig['kind']): string {
  return `account:${accountId}:${SECRET_NAME[kind]}`;
}

function authSecretKey(accountId: string, name: GenericAuthPasswordKey): string {
  return `account:${accountId}:${name}`;
}

function accountIdOfSecret(name: string): string | undefined {
  return /^account:([^:]+):/.exec(name)?.[1];
}
