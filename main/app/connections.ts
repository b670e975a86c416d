// From a saved account (configuration + its secret in the vault) to what a protocol client needs.
import type { GenericAccountConfig, LibraryAccountConfig, TwilioAccountConfig } from '../common/accounts.js';
import { AppError } from '../common/errors.js';
import { phrase } from '../common/i18n/phrase.js';
import type { AccountStore } from '../core/accounts/account-store.js';
import type { GenericConnection } from '../providers/generic/client.js';
import type { LibraryConnection } from '../providers/library/index.js';
import type { TwilioConnection } from '../providers/twilio/index.js';

export function accountOfKind<K extends 'generic' | 'library' | 'twilio'>(accounts: AccountStore, accountId: string, kind: K) {
  const config = accounts.config(accountId);
  if (config.kind !== kind) throw new AppError('validation', phrase('errors:accounts.wrongKind', { kind }));
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
  return genericConnectionFor(accountOfKind(accounts, accountId, 'generic'), accounts.secret(accountId) ?? '', accounts.authSecrets(accountId));
}

// From an account's configuration and its secret (from the vault, or for the CLI the environment or a prompt) to
// what each protocol client takes.
export function genericConnectionFor(config: GenericAccountConfig, password: string, authPasswords: GenericConnection['authPasswords'] = {}): GenericConnection {
  const connection: GenericConnection = {
    settings: config.settings,
    account: genericAccountScope(config, password),
    secretKeys: ['password'],
    allowInsecure: config.allowInsecure === true,
    authPasswords,
  };
  if (config.trustedCertificate) connection.ca = config.trustedCertificate;
  return connection;
}

export function libraryConnectionFor(config: LibraryAccountConfig, password: string): LibraryConnection {
  return {
    serverUrl: config.serverUrl,
    domain: config.domain,
    userId: config.userId,
    appId: config.appId,
    password,
    allowInsecure: config.allowInsecure === true,
    ...(config.trustedCertificate ? { ca: config.trustedCertificate } : {}),
  };
}

export function twilioConnectionFor(config: TwilioAccountConfig, secret: string): TwilioConnection {
  let credential: TwilioConnection['credential'];
  if (config.authMode === 'apiKey') {
    if (config.apiKeySid === undefined) throw new AppError('config', phrase('errors:accounts.noApiKey', { label: config.label }));
    credential = { kind: 'apiKey', apiKeySid: config.apiKeySid, apiKeySecret: secret };
  } else {
    credential = { kind: 'authToken', authToken: secret };
  }
  return {
    baseUrl: config.baseUrl,
    accountSid: config.accountSid,
    credential,
    ...(config.allowInsecure ? { allowInsecure: true } : {}),
    ...(config.trustedCertificate ? { ca: config.trustedCertificate } : {}),
  };
}

/**
 * The embedded sandbox's origin while it runs: the app's own (set at start-up, cleared when it stops), or, on the
 * command line, which runs none, the one a live app on the same data folder announced (main/cli/context.ts).
 * Null when no sandbox runs: a marked account is then an ordinary one.
 */
let runningSandboxOrigin: string | null = null;
export function useRunningSandbox(origin: string | null): void {
  runningSandboxOrigin = origin;
}
export function runningSandbox(): string | null {
  return runningSandboxOrigin;
}

/**
 * A saved account's connection, with main's sandbox mark: the store's config carries it, the window's never does.
 * Only while the sandbox runs and the account still points at it: a marked account left on the port of a sandbox
 * switched off, that failed to start or whose app is closed is an ordinary account, since anyone may listen on that
 * port now.
 */
export function savedTwilioConnection(config: TwilioAccountConfig, secret: string): TwilioConnection {
  const connection = twilioConnectionFor(config, secret);
  if (config.sandbox !== true || runningSandboxOrigin === null || originOf(config.baseUrl) !== runningSandboxOrigin) return connection;
  return { ...connection, sandbox: true };
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
