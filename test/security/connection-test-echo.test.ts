// A server that quotes back what it was sent, in its refusal of a connection test: the window that asked for the
// test must not read a saved secret in the answer (message or phrase), whether the account is tested as saved or
// as edited with its saved secret. The typed, never saved, secret is covered too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenericAccountConfig } from '../../main/common/accounts';
import { bootTestApp } from '../helpers/app-harness';
import { startScriptedServer, type TestServer } from '../reliability/support/servers';

const SAVED = 'saved-S3cret-fe12dc';
const TYPED = 'typed-S3cret-ab34ef';
let app: Awaited<ReturnType<typeof bootTestApp>>;
let echo: TestServer;
let config: GenericAccountConfig;
let accountId: string;

beforeAll(async () => {
  app = await bootTestApp();
  // Answers every request with a refusal that repeats the path it got the secret in.
  echo = await startScriptedServer((req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: `Denied: ${decodeURIComponent(req.url)} is not known here` }));
  });
  config = {
    kind: 'generic',
    label: 'Echoes',
    username: 'u',
    variables: {},
    settings: {
      genericMediaUploadUrl: `${echo.origin}/upload`,
      genericMediaUploadMultipartData: 'media=%media_content%',
      genericMediaUploadPrecheckUrl: `${echo.origin}/precheck/%account[password]%`,
      genericMediaUploadPrecheckMethod: 'GET',
    },
  };
  const created = await app.dispatch('accounts.create', { config, secret: SAVED });
  if (!created.ok) throw new Error(created.error.message);
  accountId = (created.value as { id: string }).id;
});
afterAll(async () => {
  await echo?.close();
  await app?.cleanup();
});

async function tested(method: string, args: unknown): Promise<string> {
  const answer = await app.dispatch(method, args);
  expect(answer.ok).toBe(true);
  const value = (answer as { value: { ok: boolean; message: string } }).value;
  // The test failed with the server's words: the echo reached main.
  expect(value.ok).toBe(false);
  expect(value.message).toContain('Denied');
  return JSON.stringify(value);
}

describe('a connection test against a server that echoes the secret', () => {
  it('of the saved account: the window reads the refusal, not the saved secret', async () => {
    expect(await tested('accounts.test', { accountId })).not.toContain(SAVED);
  });

  it('of the account as edited, with its saved secret: the same', async () => {
    expect(await tested('accounts.testConfig', { config: { ...config, label: 'Echoes, edited' }, accountId })).not.toContain(SAVED);
  });

  it('with a secret typed and not saved: the same', async () => {
    expect(await tested('accounts.testConfig', { config, secret: TYPED })).not.toContain(TYPED);
  });
});
