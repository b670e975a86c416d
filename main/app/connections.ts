// From a saved account (configuration + its secret in the vault) to what a protocol client needs.
import type { GenericAccountConfig } from '../common/accounts.js';
import { AppError } from '../common/errors.js';
import type { AccountStore } from '../core/accounts/account-store.js';
import type { GenericConnection } from '../providers/generic/client.js';

export function accountOfKind<K extends 'generic' | 'library' | 'twilio'>(accounts: AccountStore, accountId: string, kind: K) {
  const config = accounts.config(accountId);
  if (config.kind !== kind) throw new AppError('validation', `That account is not a ${kind} account.`);
  return config as Extract<typeof config, { kind: K }>;
}

/** The %account[KEY]% scope: every generic setting, the user name, the password and the account variables. */
export function genericAccountScope(config: GenericAccountConfig, password: string | undefined): Record<string, string> {
  const scope: Record<string, string> = { ...config.variables };
  for (const [key, value] of Object.entries(config.settings)) if (typeof value === 'string') scope[key] = value;
  scope.username = config.username;
  if (password !== undefined) scope.password = password;
  return scope;
}

export function genericConnection(accounts: AccountStore, accountId: string): GenericConnection {
  const config = accountOfKind(accounts, accountId, 'generic');
  const connection: GenericConnection = {
    settings: config.settings,
    account: genericAccountScope(config, accounts.secret(accountId) ?? ''),
    secretKeys: ['password'],
    allowInsecure: config.allowInsecure === true,
  };
  if (config.trustedCertificate) connection.ca = config.trustedCertificate;
  return connection;
}
