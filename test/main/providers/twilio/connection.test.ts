import { describe, expect, it } from 'vitest';
import { createTwilioClient, validateTwilioConnection, type TwilioConnectionCheck } from '../../../../main/providers/twilio/index.js';

const AC = 'AC0123456789abcdef0123456789abcdef';
const SK = 'SK0123456789abcdef0123456789abcdef';
const TOKEN = 'b1a2c3d4e5f60718293a4b5c6d7e8f90';
const withToken = (extra: Record<string, unknown> = {}) => ({ accountSid: AC, credential: { kind: 'authToken', authToken: TOKEN }, ...extra });

function problemsOf(check: TwilioConnectionCheck): Record<string, string> {
  const list = check.ok ? check.warnings : check.problems;
  return Object.fromEntries(list.map((p) => [p.field, `${p.severity}: ${p.message}`]));
}

describe('validateTwilioConnection', () => {
  it('accepts an account with an Auth Token and fills in the default base URL', () => {
    const check = validateTwilioConnection(withToken());
    expect(check).toEqual({ ok: true, connection: { baseUrl: 'https://api.twilio.com', accountSid: AC, credential: { kind: 'authToken', authToken: TOKEN } }, warnings: [] });
  });

  it('accepts an API key with the Account SID, trimming pasted spaces around SIDs', () => {
    const check = validateTwilioConnection({ accountSid: ` ${AC} `, credential: { kind: 'apiKey', apiKeySid: `${SK}\n`, apiKeySecret: 'abcdefghijklmnopqrstuvwxyz012345' } });
    expect(check.ok && check.connection).toMatchObject({ accountSid: AC, credential: { apiKeySid: SK } });
  });

  it('names the field and the expected format for a malformed SID', () => {
    const check = validateTwilioConnection({ ...withToken(), accountSid: 'AC123' });
    expect(check.ok).toBe(false);
    expect(problemsOf(check).accountSid).toBe('error: The Account SID must be "AC" followed by 32 hexadecimal characters.');
  });

  it('recognises an API key SID typed where the Account SID goes, and the reverse', () => {
    expect(problemsOf(validateTwilioConnection({ ...withToken(), accountSid: SK })).accountSid).toMatch(/This is an API key SID/);
    const swapped = validateTwilioConnection({ accountSid: AC, credential: { kind: 'apiKey', apiKeySid: AC, apiKeySecret: 'x'.repeat(32) } });
    expect(problemsOf(swapped)['credential.apiKeySid']).toMatch(/This is an Account SID/);
  });

  it('warns, without blocking, about a token of an unusual shape; refuses an empty one or one with spaces', () => {
    const odd = validateTwilioConnection(withToken({ credential: { kind: 'authToken', authToken: 'short' } }));
    expect(odd.ok).toBe(true);
    expect(problemsOf(odd)['credential.authToken']).toMatch(/^warning: .*32 hexadecimal/);
    expect(problemsOf(validateTwilioConnection(withToken({ credential: { kind: 'authToken', authToken: '' } })))['credential.authToken']).toMatch(/^error: .*required/);
    expect(problemsOf(validateTwilioConnection(withToken({ credential: { kind: 'authToken', authToken: `${TOKEN} x` } })))['credential.authToken']).toMatch(/^error: .*spaces/);
  });

  it('checks the base URL: scheme, no credentials or query in it, no API path, https except to loopback', () => {
    const baseUrlProblem = (baseUrl: string, extra: Record<string, unknown> = {}) => problemsOf(validateTwilioConnection(withToken({ baseUrl, ...extra }))).baseUrl;
    expect(baseUrlProblem('api.twilio.com')).toMatch(/not a valid URL/);
    expect(baseUrlProblem('ftp://api.twilio.com')).toMatch(/https/);
    expect(baseUrlProblem('https://user:pw@api.twilio.com')).toMatch(/credentials/);
    expect(baseUrlProblem('https://api.twilio.com/?x=1')).toMatch(/query/);
    expect(baseUrlProblem('https://api.twilio.com/2010-04-01/Accounts')).toMatch(/only the server address/);
    expect(baseUrlProblem('http://twilio.example.com')).toMatch(/plain http/);
    expect(baseUrlProblem('http://twilio.example.com', { allowInsecure: true })).toBeUndefined();
    expect(baseUrlProblem('http://127.0.0.1:8080/')).toBeUndefined();
    const check = validateTwilioConnection(withToken({ baseUrl: 'https://proxy.example.com/twilio/' }));
    expect(check.ok && check.connection.baseUrl).toBe('https://proxy.example.com/twilio');
  });

  it('refuses a certificate that is not PEM', () => {
    expect(problemsOf(validateTwilioConnection(withToken({ ca: 'not a cert' }))).ca).toMatch(/PEM/);
  });

  it('reports an incomplete form instead of throwing', () => {
    const check = validateTwilioConnection({ accountSid: AC, credential: { kind: 'password' } });
    expect(check.ok).toBe(false);
    expect(validateTwilioConnection(null).ok).toBe(false);
  });

  it('createTwilioClient refuses an invalid connection with a config error', () => {
    expect(() => createTwilioClient({ baseUrl: 'http://twilio.example.com', accountSid: AC, credential: { kind: 'authToken', authToken: TOKEN } })).toThrow(
      expect.objectContaining({ code: 'config', message: expect.stringMatching(/plain http/) }),
    );
  });
});
