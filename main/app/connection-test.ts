// "Test connection": one cheap, read-only call per kind, made with the account's own protocol client, so that it
// proves exactly what the real operations need: the server answers and the credentials work. A generic account
// without a precheck can only show that its server answers: the result says so (scope 'server'), not "OK".
import type { AccountConfig } from '../common/accounts.js';
import type { ConnectionTestResult } from '../common/contract.js';
import { toAppError } from '../common/errors.js';
import { precheckGenericAccount, type GenericConnection } from '../providers/generic/client.js';
import { send } from '../providers/http/transport.js';
import { LibraryClient } from '../providers/library/index.js';
import { createTwilioClient } from '../providers/twilio/index.js';
import { genericConnectionFor, libraryConnectionFor, twilioConnectionFor } from './connections.js';

const TEST_TIMEOUT_MS = 10_000;

export async function testConnection(config: AccountConfig, secret: string | undefined, authPasswords: GenericConnection['authPasswords'] = {}): Promise<ConnectionTestResult> {
  try {
    switch (config.kind) {
      case 'library': {
        if (!secret) return { ok: false, message: 'Enter the password first.' };
        const folders = await new LibraryClient(libraryConnectionFor(config, secret)).listFolders();
        return { ok: true, message: `Connected to ${new URL(config.serverUrl).host}: ${folders.length} folder${folders.length === 1 ? '' : 's'} visible in ${config.domain}.` };
      }
      case 'twilio': {
        if (!secret) return { ok: false, message: config.authMode === 'apiKey' ? 'Enter the API key secret first.' : 'Enter the Auth Token first.' };
        // One attempt: a test should say at once what is wrong rather than wait out rate limits.
        const client = createTwilioClient(twilioConnectionFor(config, secret), { retry: { maxAttempts: 1 } });
        await client.listMessages({ pageSize: 1 });
        return { ok: true, message: `Connected to ${new URL(config.baseUrl).host} as ${config.accountSid}.` };
      }
      case 'generic':
        return await testGeneric(config, secret, authPasswords);
    }
  } catch (err) {
    return { ok: false, message: toAppError(err).message };
  }
}

async function testGeneric(config: Extract<AccountConfig, { kind: 'generic' }>, secret: string | undefined, authPasswords: GenericConnection['authPasswords']): Promise<ConnectionTestResult> {
  // The precheck is the one request that proves the credentials without sending media.
  if (config.settings.genericMediaUploadPrecheckUrl?.trim()) {
    await precheckGenericAccount(genericConnectionFor(config, secret ?? '', authPasswords), { timeoutMs: TEST_TIMEOUT_MS });
    return { ok: true, message: 'The precheck passed: the server accepted this account.' };
  }
  // Without one, only the server can be proved to be there; templates are checked when the account is saved.
  const match = /^(https?:\/\/[^/?#%]+)/i.exec(config.settings.genericMediaUploadUrl.trim());
  if (!match?.[1]) return { ok: false, message: 'The upload URL must start with http:// or https:// and a server name.' };
  const origin = new URL(match[1]);
  const res = await send({ method: 'HEAD', url: origin, timeoutMs: TEST_TIMEOUT_MS, tls: config.trustedCertificate ? { ca: config.trustedCertificate } : undefined });
  res.body.resume();
  const checked = origin.protocol === 'https:' ? 'its name resolves, its TLS certificate is valid and it answered' : 'its name resolves and it answered';
  return {
    ok: true,
    scope: 'server',
    message: `${origin.host} was reached: ${checked} (HTTP ${res.status}). The user name and password were not checked: this account has no precheck, so only an upload checks them.`,
  };
}
