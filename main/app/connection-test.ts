// "Test connection": one cheap, read-only call per kind, made with the account's own protocol client, so that it
// proves exactly what the real operations need: the server answers and the credentials work. A generic account
// without a precheck can only show that its server answers: the result says so (scope 'server'), not "OK".
import type { AccountConfig } from '../common/accounts.js';
import type { ConnectionTestResult } from '../common/contract.js';
import { sayable, toAppError, wordsOf } from '../common/errors.js';
import { phrase, type Phrase } from '../common/i18n/phrase.js';
import { precheckGenericAccount, type GenericConnection } from '../providers/generic/client.js';
import { send } from '../providers/http/transport.js';
import { LibraryClient } from '../providers/library/index.js';
import { createTwilioClient } from '../providers/twilio/index.js';
import { genericConnectionFor, libraryConnectionFor, twilioConnectionFor } from './connections.js';

const TEST_TIMEOUT_MS = 10_000;

function result(ok: boolean, said: Phrase | string, scope?: 'server'): ConnectionTestResult {
  const words = typeof said === 'string' ? { message: said } : wordsOf(said);
  return { ok, ...words, ...(scope ? { scope } : {}) };
}

export async function testConnection(config: AccountConfig, secret: string | undefined, authPasswords: GenericConnection['authPasswords'] = {}): Promise<ConnectionTestResult> {
  try {
    switch (config.kind) {
      case 'library': {
        if (!secret) return result(false, phrase('errors:accounts.test.passwordFirst'));
        const folders = await new LibraryClient(libraryConnectionFor(config, secret)).listFolders();
        return result(true, phrase('errors:accounts.test.libraryConnected', { host: new URL(config.serverUrl).host, count: folders.length, domain: config.domain }));
      }
      case 'twilio': {
        if (!secret) return result(false, phrase(config.authMode === 'apiKey' ? 'errors:accounts.test.apiKeySecretFirst' : 'errors:accounts.test.authTokenFirst'));
        // One attempt: a test should say at once what is wrong rather than wait out rate limits.
        const client = createTwilioClient(twilioConnectionFor(config, secret), { retry: { maxAttempts: 1 } });
        await client.listMessages({ pageSize: 1 });
        return result(true, phrase('errors:accounts.test.twilioConnected', { host: new URL(config.baseUrl).host, accountSid: config.accountSid }));
      }
      case 'generic':
        return await testGeneric(config, secret, authPasswords);
    }
  } catch (err) {
    const error = toAppError(err);
    return result(false, sayable(error));
  }
}

async function testGeneric(config: Extract<AccountConfig, { kind: 'generic' }>, secret: string | undefined, authPasswords: GenericConnection['authPasswords']): Promise<ConnectionTestResult> {
  // The precheck is the one request that proves the credentials without sending media.
  if (config.settings.genericMediaUploadPrecheckUrl?.trim()) {
    await precheckGenericAccount(genericConnectionFor(config, secret ?? '', authPasswords), { timeoutMs: TEST_TIMEOUT_MS });
    return result(true, phrase('errors:accounts.test.precheckPassed'));
  }
  // Without one, only the server can be proved to be there; templates are checked when the account is saved.
  const origin = uploadOrigin(config);
  if (!origin) return result(false, phrase('errors:accounts.test.uploadUrl'));
  const res = await send({ method: 'HEAD', url: origin, timeoutMs: TEST_TIMEOUT_MS, tls: config.trustedCertificate ? { ca: config.trustedCertificate } : undefined });
  res.body.resume();
  const reached = origin.protocol === 'https:' ? 'errors:accounts.test.reachedTls' : 'errors:accounts.test.reached';
  return result(true, phrase(reached, { host: origin.host, status: res.status }), 'server');
}

/** The origin of a generic account's upload URL (a template: only its fixed scheme and host count), if it has one. */
export function uploadOrigin(config: Extract<AccountConfig, { kind: 'generic' }>): URL | undefined {
  const match = /^(https?:\/\/[^/?#%]+)/i.exec(config.settings.genericMediaUploadUrl.trim());
  return match?.[1] ? new URL(match[1]) : undefined;
}
