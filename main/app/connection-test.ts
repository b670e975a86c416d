// "Test connection": one cheap, read-only request per kind that proves the server answers and the credentials work.
import type { AccountConfig } from '../common/accounts.js';
import type { ConnectionTestResult } from '../common/contract.js';
import { toAppError } from '../common/errors.js';
import { basicAuth, readBody, send } from '../providers/http/transport.js';

const TEST_TIMEOUT_MS = 10_000;

export async function testConnection(config: AccountConfig, secret: string | undefined): Promise<ConnectionTestResult> {
  try {
    switch (config.kind) {
      case 'library':
        return await testLibrary(config, secret);
      case 'twilio':
        return await testTwilio(config, secret);
      case 'generic':
        return await testGeneric(config);
    }
  } catch (err) {
    return { ok: false, message: toAppError(err).message };
  }
}

function describeStatus(status: number, server: string): ConnectionTestResult {
  if (status >= 200 && status < 300) return { ok: true, message: `Connected to ${server}.` };
  if (status === 401) return { ok: false, message: `${server} refused the credentials (401).` };
  if (status === 403) return { ok: false, message: `${server} answered 403: this user or application has no access.` };
  if (status === 404) return { ok: false, message: `${server} answered 404: check the URL and the domain or account.` };
  return { ok: false, message: `${server} answered with HTTP ${status}.` };
}

async function testLibrary(config: Extract<AccountConfig, { kind: 'library' }>, secret: string | undefined) {
  if (!secret) return { ok: false, message: 'Enter the password first.' };
  const url = new URL(`rest/1.0/media/${encodeURIComponent(config.domain)}`, withSlash(config.serverUrl));
  const res = await send({
    method: 'GET',
    url,
    headers: { authorization: basicAuth(config.userId, secret), 'x-application-id': config.appId, accept: 'application/json' },
    carriesSecret: true,
    allowInsecure: config.allowInsecure,
    tls: config.trustedCertificate ? { ca: config.trustedCertificate } : undefined,
    timeoutMs: TEST_TIMEOUT_MS,
  });
  await readBody(res).catch(() => undefined);
  return describeStatus(res.status, url.host);
}

async function testTwilio(config: Extract<AccountConfig, { kind: 'twilio' }>, secret: string | undefined) {
  if (!secret) return { ok: false, message: config.authMode === 'apiKey' ? 'Enter the API key secret first.' : 'Enter the Auth Token first.' };
  const user = config.authMode === 'apiKey' && config.apiKeySid ? config.apiKeySid : config.accountSid;
  const url = new URL(`2010-04-01/Accounts/${config.accountSid}/Messages.json?PageSize=1`, withSlash(config.baseUrl));
  const res = await send({
    method: 'GET',
    url,
    headers: { authorization: basicAuth(user, secret), accept: 'application/json' },
    carriesSecret: true,
    allowInsecure: config.allowInsecure,
    tls: config.trustedCertificate ? { ca: config.trustedCertificate } : undefined,
    timeoutMs: TEST_TIMEOUT_MS,
  });
  await readBody(res).catch(() => undefined);
  return describeStatus(res.status, url.host);
}

async function testGeneric(config: Extract<AccountConfig, { kind: 'generic' }>) {
  // Without sending media we can only prove the server is there; templates are checked when the account is saved.
  const match = /^(https?:\/\/[^/?#%]+)/i.exec(config.settings.genericMediaUploadUrl.trim());
  if (!match?.[1]) return { ok: false, message: 'The upload URL must start with http:// or https:// and a server name.' };
  const origin = new URL(match[1]).origin;
  const res = await send({ method: 'HEAD', url: new URL(origin), timeoutMs: TEST_TIMEOUT_MS, tls: config.trustedCertificate ? { ca: config.trustedCertificate } : undefined });
  res.body.resume();
  return { ok: true, message: `${new URL(origin).host} answers (HTTP ${res.status}). Upload a file to check the credentials.` };
}

function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}
