// Choosing the account a command works on: by id, by name (label), or the only account of the kind needed.
// An account that cannot be found is a usage error (exit 2): the caller fixes it on the command line, and
// `media-desk accounts list` shows every name and id.
import { accountLabelKey, type AccountConfig, type AccountKind, type AccountSummary } from '../common/accounts.js';
import type { MessageKey } from '../common/i18n/catalogue.js';
import { phrase, type Phrase } from '../common/i18n/phrase.js';
import { accountOfKind } from '../app/connections.js';
import { UsageError } from './argv.js';
import type { AppData } from './app-data.js';

/** A kind of account as a person says it (a table cell, inside a sentence): words, or the product's own name. */
export function kindName(kind: AccountKind): Phrase | string {
  switch (kind) {
    case 'generic':
      return phrase('cli:kind.generic');
    case 'library':
      return phrase('cli:kind.library');
    case 'twilio':
      return TWILIO;
  }
}
const TWILIO = 'Twilio';

export const SECRET_STATE_NAMES: Record<SecretState, MessageKey> = {
  saved: 'cli:secretState.saved',
  sealed: 'cli:secretState.sealed',
  none: 'cli:secretState.none',
};

export type SecretState = 'saved' | 'sealed' | 'none';

export interface ChosenAccount<K extends AccountKind> {
  id: string;
  label: string;
  sandbox: boolean;
  config: Extract<AccountConfig, { kind: K }>;
}

/** Whether the vault has the account's secret, has it sealed where media-desk cannot open it, or has none. */
export function secretState(data: AppData, account: AccountSummary): SecretState {
  if (account.secretSet) return 'saved';
  // Vault keys embed the account id (random, so it cannot match another key by accident).
  return data.unreadable.some((key) => key.includes(account.id)) ? 'sealed' : 'none';
}

function names(accounts: readonly AccountSummary[]): string {
  return accounts.map((a) => `"${a.label}" (${a.id})`).join(', ');
}

function pick(list: readonly AccountSummary[], name: string): AccountSummary[] {
  const byId = list.filter((a) => a.id === name);
  if (byId.length > 0) return byId;
  const exact = list.filter((a) => a.label === name);
  if (exact.length > 0) return exact;
  const key = accountLabelKey(name);
  return list.filter((a) => accountLabelKey(a.label) === key);
}

export function chooseAccount<K extends AccountKind>(data: AppData, name: string | undefined, kind: K): ChosenAccount<K> {
  const all = data.accounts.list();
  const ofKind = all.filter((a) => a.kind === kind);
  const wanted = kindName(kind);
  let chosen: AccountSummary;
  if (name === undefined) {
    if (ofKind.length === 0) throw new UsageError(phrase('cli:account.noneOfKind', { kind: wanted, folder: data.dataDir }));
    if (ofKind.length > 1) throw new UsageError(phrase('cli:account.severalOfKind', { count: ofKind.length, kind: wanted, accounts: names(ofKind) }));
    chosen = ofKind[0]!;
  } else {
    const matches = pick(all, name);
    const matchesOfKind = matches.filter((a) => a.kind === kind);
    if (matches.length === 0) throw new UsageError(phrase('cli:account.unknown', { name, folder: data.dataDir }));
    if (matchesOfKind.length === 0) throw new UsageError(phrase('cli:account.wrongKind', { account: matches[0]!.label, kind: kindName(matches[0]!.kind), needed: wanted }));
    if (matchesOfKind.length > 1) throw new UsageError(phrase('cli:account.sameName', { kind: wanted, name, accounts: names(matchesOfKind) }));
    chosen = matchesOfKind[0]!;
  }
  return { id: chosen.id, label: chosen.label, sandbox: chosen.sandbox === true, config: accountOfKind(data.accounts, chosen.id, kind) };
}
