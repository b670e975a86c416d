// From a saved Twilio account (its configuration, and its secret in the vault) to the Twilio client.
// The secret is the Auth Token or the API key's secret, depending on authMode; it never leaves main.
import type { TwilioAccountConfig } from '../common/accounts.js';
import { AppError } from '../common/errors.js';
import { phrase } from '../common/i18n/phrase.js';
import type { AccountStore } from '../core/accounts/account-store.js';
import { createTwilioClient, type ClientOptions, type TwilioClient, type TwilioConnection } from '../providers/twilio/index.js';
import { accountOfKind, savedTwilioConnection } from './connections.js';

/** `config` is a saved account's, as the account store gives it (its sandbox mark is main's). */
export function twilioConnectionOf(config: TwilioAccountConfig, secret: string | undefined): TwilioConnection {
  if (!secret) {
    const key = config.authMode === 'apiKey' ? 'errors:accounts.apiKeySecretMissing' : 'errors:accounts.authTokenMissing';
    throw new AppError('config', phrase(key, { label: config.label }));
  }
  return savedTwilioConnection(config, secret);
}

export function twilioConnection(accounts: AccountStore, accountId: string): TwilioConnection {
  return twilioConnectionOf(accountOfKind(accounts, accountId, 'twilio'), accounts.secret(accountId));
}

/**
 * A client for one account, made afresh for each operation: cheap, and an edited token applies at once. The
 * options are for tests (no waiting between retries).
 */
export function twilioClientFor(accounts: AccountStore, accountId: string, options?: ClientOptions): TwilioClient {
  return createTwilioClient(twilioConnection(accounts, accountId), options);
}
