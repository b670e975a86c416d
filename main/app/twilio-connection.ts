// From a saved Twilio account (its configuration, and its secret in the vault) to the Twilio client.
// The secret is the Auth Token or the API key's secret, depending on authMode; it never leaves main.
import type { TwilioAccountConfig } from '../common/accounts.js';
import { AppError } from '../common/errors.js';
import type { AccountStore } from '../core/accounts/account-store.js';
import { createTwilioClient, type ClientOptions, type TwilioClient, type TwilioConnection } from '../providers/twilio/index.js';
import { accountOfKind, twilioConnectionFor } from './connections.js';

export function twilioConnectionOf(config: TwilioAccountConfig, secret: string | undefined): TwilioConnection {
  if (!secret) {
    const what = config.authMode === 'apiKey' ? 'API key secret' : 'Auth Token';
    throw new AppError('config', `The ${what} of "${config.label}" is not set. Edit the account to enter it.`);
  }
  return twilioConnectionFor(config, secret);
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
