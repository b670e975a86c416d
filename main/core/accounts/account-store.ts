// Accounts: configurations in accounts.json (no secrets), each account's one secret in the vault.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { SECRET_NAME, accountConfigSchema, type AccountConfig, type AccountSummary } from '../../common/accounts.js';
import { AppError } from '../../common/errors.js';
import { readJsonFile, writeJsonAtomic } from '../storage/atomic.js';
import type { SecretVault } from '../vault/vault.js';

const storedAccountSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  config: accountConfigSchema,
});
type StoredAccount = z.infer<typeof storedAccountSchema>;
const accountsFileSchema = z.object({ version: z.literal(1), accounts: z.array(storedAccountSchema) });

export type AccountsLoadResult = { status: 'ok' | 'missing' } | { status: 'corrupt'; movedTo: string; reason: string };

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

  async load(): Promise<AccountsLoadResult> {
    const read = await readJsonFile(this.file, accountsFileSchema);
    if (read.status === 'ok') this.accounts = read.value.accounts;
    if (read.status === 'corrupt') return read;
    return { status: read.status };
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

  async create(config: AccountConfig, secret?: string): Promise<AccountSummary> {
    const now = new Date().toISOString();
    const account: StoredAccount = { id: `acc_${randomBytes(8).toString('hex')}`, createdAt: now, updatedAt: now, config };
    if (secret !== undefined && secret !== '') await this.vault.set(secretKey(account.id, config.kind), secret);
    this.accounts = [...this.accounts, account];
    await this.save();
    return this.summarize(account);
  }

  async update(id: string, config: AccountConfig, secret?: string | null): Promise<AccountSummary> {
    const existing = this.find(id);
    if (existing.config.kind !== config.kind) throw new AppError('validation', 'The kind of an account cannot change.', { field: 'config.kind' });
    const updated: StoredAccount = { ...existing, config, updatedAt: new Date().toISOString() };
    const key = secretKey(id, config.kind);
    if (secret === null || secret === '') await this.vault.delete(key);
    else if (secret !== undefined) await this.vault.set(key, secret);
    this.accounts = this.accounts.map((a) => (a.id === id ? updated : a));
    await this.save();
    return this.summarize(updated);
  }

  async remove(id: string): Promise<void> {
    const account = this.find(id);
    this.accounts = this.accounts.filter((a) => a.id !== id);
    await this.save();
    await this.vault.delete(secretKey(id, account.config.kind));
  }

  private find(id: string): StoredAccount {
    const account = this.accounts.find((a) => a.id === id);
    if (!account) throw new AppError('not_found', 'That account no longer exists.');
    return account;
  }

  private summarize(account: StoredAccount): AccountSummary {
    return {
      ...account.config,
      id: account.id,
      createdAt: account.createdAt,
      updatedAt: account.updatedAt,
      secretSet: this.vault.has(secretKey(account.id, account.config.kind)),
    };
  }

  private save(): Promise<void> {
    const snapshot = { version: 1 as const, accounts: this.accounts };
    this.writing = this.writing.catch(() => undefined).then(() => writeJsonAtomic(this.file, snapshot));
    return this.writing.then(() => {
      const list = this.list();
      for (const listener of this.listeners) listener(list);
    });
  }
}

function secretKey(accountId: string, kind: AccountConfig['kind']): string {
  return `account:${accountId}:${SECRET_NAME[kind]}`;
}
