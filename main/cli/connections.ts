// From a saved account and its secret (wherever it came from: vault, environment, prompt) to what each protocol
// client takes. The app's own helper (genericConnection) reads the secret from the vault only, hence these.
import type { GenericAccountConfig, LibraryAccountConfig, TwilioAccountConfig } from '../common/accounts.js';
import { AppError } from '../common/errors.js';
import { genericAccountScope } from '../app/connections.js';
import type { GenericConnection } from '../providers/generic/client.js';
import type { LibraryConnection } from '../providers/library/index.js';
import type { TwilioConnection } from '../providers/twilio/index.js';

export function genericConnectionFor(config: GenericAccountConfig, password: string): GenericConnection {
  const connection: GenericConnection = {
    settings: config.settings,
    account: genericAccountScope(config, password),
    secretKeys: ['password'],
    allowInsecure: config.allowInsecure === true,
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
    if (config.apiKeySid === undefined) throw new AppError('config', `The Twilio account "${config.label}" uses an API key but names none.`);
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
