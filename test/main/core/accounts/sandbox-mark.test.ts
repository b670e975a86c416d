// The sandbox mark is main's: the store ignores the one it is given, keeps it on edits that stay where the account
// sent before, and clears it when the account moves to another server.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountConfig } from '../../../../main/common/accounts';
import { AccountStore } from '../../../../main/core/accounts/account-store';
import { destinationOrigins, keepsSandboxMark } from '../../../../main/core/accounts/sandbox-mark';
import { createKeyFileCipher } from '../../../../main/core/vault/cipher';
import { SecretVault } from '../../../../main/core/vault/vault';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-mark-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function open(): Promise<AccountStore> {
  const vault = new SecretVault(dir, await createKeyFileCipher(dir));
  await vault.load();
  const store = new AccountStore(dir, vault);
  await store.load();
  return store;
}

const SANDBOX = 'http://127.0.0.1:40123';
const sandboxLibrary: AccountConfig = { kind: 'library', label: 'Sandbox media library', serverUrl: SANDBOX, domain: 'sandbox', userId: 'demo', appId: 'desk' };
const real: AccountConfig = { kind: 'library', label: 'Production', serverUrl: 'https://library.corp.example', domain: 'corp', userId: 'admin', appId: 'desk' };
const generic = (upload: string, refSend?: string): AccountConfig => ({
  kind: 'generic',
  label: 'Upload',
  username: 'u',
  variables: { host: 'evil.example' },
  settings: { genericMediaUploadUrl: upload, genericMediaUploadMultipartData: 'm=%media_content%', ...(refSend ? { genericMediaRefSendUrl: refSend } : {}) },
});

describe('the sandbox mark in the account store', () => {
  it('is not taken from the configuration it is given, on create or on update', async () => {
    const store = await open();
    const created = await store.create({ ...real, sandbox: true }, 'REAL-PASSWORD');
    expect(created.sandbox).toBeUndefined();
    const updated = await store.update(created.id, { ...real, sandbox: true });
    expect(updated.sandbox).toBeUndefined();
    const reopened = await open();
    expect(reopened.config(created.id)).toEqual(real);
    expect(reopened.secret(created.id)).toBe('REAL-PASSWORD');
  });

  it('is kept on an edit that stays at the sandbox, and cleared, for good, when the account moves to another server', async () => {
    const store = await open();
    const { id } = await store.create(sandboxLibrary, 'sandbox-pw', {}, { sandboxAccount: true });
    expect(store.get(id).sandbox).toBe(true);
    // The form used to send the summary back, mark included; without it the mark stays just the same.
    expect((await store.update(id, { ...sandboxLibrary, label: 'Renamed' })).sandbox).toBe(true);
    expect((await store.update(id, { ...sandboxLibrary, serverUrl: `${SANDBOX}/` })).sandbox).toBe(true);
    expect((await store.update(id, { ...real, sandbox: true }, 'REAL-PASSWORD')).sandbox).toBeUndefined();
    // Back at the sandbox's address, it is still the user's account: only main marks.
    expect((await store.update(id, sandboxLibrary)).sandbox).toBeUndefined();
    const stored = JSON.parse(await fs.readFile(path.join(dir, 'accounts.json'), 'utf8')) as { accounts: Array<{ config: Record<string, unknown> }> };
    expect(stored.accounts[0]?.config).not.toHaveProperty('sandbox');
  });

  it('counts every URL of a generic account, and one whose server is a variable is no sandbox', () => {
    const marked = { ...generic(`${SANDBOX}/generic/upload`, `${SANDBOX}/generic/send`), sandbox: true };
    expect(destinationOrigins(marked)).toEqual([SANDBOX]);
    expect(keepsSandboxMark(marked, generic(`${SANDBOX}/generic/upload?x=%media_size%`, `${SANDBOX}/other`))).toBe(true);
    expect(keepsSandboxMark(marked, generic(`${SANDBOX}/generic/upload`, 'https://refs.example/send'))).toBe(false);
    expect(keepsSandboxMark(marked, generic(`${SANDBOX}/generic/upload`, 'http://127.0.0.1:40124/send'))).toBe(false);
    expect(keepsSandboxMark(marked, generic('https://%account[host]%/upload'))).toBe(false);
    expect(destinationOrigins(generic('%account[host]%/upload'))).toBeUndefined();
  });
});
