import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountConfig } from '../../../../main/common/accounts';
import { AccountStore } from '../../../../main/core/accounts/account-store';
import { createKeyFileCipher } from '../../../../main/core/vault/cipher';
import { SecretVault } from '../../../../main/core/vault/vault';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-accounts-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function open() {
  const vault = new SecretVault(dir, await createKeyFileCipher(dir));
  await vault.load();
  const store = new AccountStore(dir, vault);
  return { store, vault, load: await store.load() };
}

const library: AccountConfig = { kind: 'library', label: 'Media', serverUrl: 'https://media.example.com', domain: 'example', userId: 'u1', appId: 'app1' };

describe('the account store', () => {
  it("keeps a generic account's HTTP authentication passwords in the vault, bound to the account's destination", async () => {
    const generic: AccountConfig = {
      kind: 'generic',
      label: 'Digest',
      username: 'jo',
      variables: {},
      settings: { genericMediaUploadUrl: 'https://m.example/up', genericMediaUploadMultipartData: 'f=%media_content%', genericMediaUploadAuthUsername: 'jo' },
    };
    const { store } = await open();
    const a = await store.create(generic, 'pw', { genericMediaUploadAuthPassword: 'auth-pass-123', genericMediaRefSendAuthPassword: 'ref-pass-456' });
    expect(a.authSecretsSet).toEqual(['genericMediaUploadAuthPassword', 'genericMediaRefSendAuthPassword']);
    expect(JSON.stringify(store.list())).not.toContain('auth-pass-123');
    expect(await fs.readFile(path.join(dir, 'accounts.json'), 'utf8')).not.toContain('auth-pass-123');
    // null removes one, absent keeps the other.
    await store.update(a.id, generic, undefined, { genericMediaRefSendAuthPassword: null });
    const { store: reopened } = await open();
    expect(reopened.authSecrets(a.id)).toEqual({ genericMediaUploadAuthPassword: 'auth-pass-123' });
    // A new destination drops them unless they come with the change, like the account's password.
    await reopened.update(a.id, { ...generic, settings: { ...generic.settings, genericMediaUploadUrl: 'https://elsewhere.example/up' } });
    expect(reopened.authSecrets(a.id)).toEqual({});
    expect(reopened.get(a.id).authSecretsSet).toEqual([]);
  });

  it('adds, edits and removes accounts, and they survive a restart', async () => {
    const { store } = await open();
    const a = await store.create(library, 'pw-one');
    const b = await store.create({ ...library, label: 'Second' });
    await store.update(a.id, { ...library, label: 'Renamed' });
    await store.remove(b.id);

    const { store: reopened, load } = await open();
    expect(load.status).toBe('ok');
    expect(reopened.list().map((x) => [x.label, x.secretSet])).toEqual([['Renamed', true]]);
    expect(reopened.secret(a.id)).toBe('pw-one');
  });

  it('never puts the secret in the account list or in accounts.json', async () => {
    const { store } = await open();
    const a = await store.create(library, 'the-password-xyz');
    expect(JSON.stringify(store.list())).not.toContain('the-password-xyz');
    expect(JSON.stringify(store.get(a.id))).not.toContain('the-password-xyz');
    expect(await fs.readFile(path.join(dir, 'accounts.json'), 'utf8')).not.toContain('the-password-xyz');
  });

  it('keeps, replaces or removes the secret on update as asked', async () => {
    const { store } = await open();
    const a = await store.create(library, 'first');
    await store.update(a.id, library);
    expect(store.secret(a.id)).toBe('first');
    await store.update(a.id, library, 'second');
    expect(store.secret(a.id)).toBe('second');
    await store.update(a.id, library, null);
    expect(store.get(a.id).secretSet).toBe(false);
  });

  it('removes the secret with the account', async () => {
    const { store, vault } = await open();
    const a = await store.create(library, 'gone-with-it');
    await store.remove(a.id);
    expect(vault.allValues()).not.toContain('gone-with-it');
  });

  it('refuses to change the kind of an account and to touch a missing one', async () => {
    const { store } = await open();
    const a = await store.create(library);
    await expect(store.update(a.id, { kind: 'twilio', label: 'x', baseUrl: 'https://api.twilio.com', accountSid: `AC${'0'.repeat(32)}`, authMode: 'authToken' })).rejects.toMatchObject({ code: 'validation' });
    await expect(store.remove('acc_00000000')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('sets a corrupt accounts file aside and starts empty, keeping the file for recovery', async () => {
    await fs.writeFile(path.join(dir, 'accounts.json'), '{"version":1,"accounts":[{"id":');
    const { store, load } = await open();
    expect(load.status).toBe('corrupt');
    expect(store.list()).toEqual([]);
    const kept = (await fs.readdir(dir)).filter((n) => n.startsWith('accounts.json.corrupt-'));
    expect(kept).toHaveLength(1);
  });

  it('tells listeners after each change', async () => {
    const { store } = await open();
    const seen: number[] = [];
    store.onChange((list) => seen.push(list.length));
    const a = await store.create(library);
    await store.create(library);
    await store.remove(a.id);
    expect(seen).toEqual([1, 2, 1]);
  });
});

describe('an accounts file with bad entries', () => {
  const entry = (id: string, config: Record<string, unknown>) => ({ id, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', config });

  it('uses the good entries, names the bad ones, and keeps the file as it was beside it', async () => {
    const content = JSON.stringify({
      version: 1,
      accounts: [entry('acc_good', { ...library }), entry('acc_bad', { ...library, label: 'Bad one', kind: 'ftp' }), 'not even an object'],
    });
    await fs.writeFile(path.join(dir, 'accounts.json'), content);
    const { store, load } = await open();
    expect(store.list().map((a) => a.id)).toEqual(['acc_good']);
    if (load.status !== 'ok') throw new Error(load.status);
    expect(load.rejected).toEqual([
      { id: 'acc_bad', label: 'Bad one', reason: { key: 'errors:accounts.entryUnusable', values: { entry: 2, detail: expect.stringMatching(/^config\.kind: /) } } },
      { reason: { key: 'errors:accounts.entryUnusable', values: { entry: 3, detail: expect.any(String) } } },
    ]);
    expect(load.keptAs && (await fs.readFile(load.keptAs, 'utf8'))).toBe(content);
  });

  it('read-only (the CLI): the bad entries are left out and nothing is written', async () => {
    await fs.writeFile(path.join(dir, 'accounts.json'), JSON.stringify({ version: 1, accounts: [entry('acc_bad', { kind: 'library' })] }));
    const vault = new SecretVault(dir, await createKeyFileCipher(dir));
    const before = (await fs.readdir(dir)).sort();
    const load = await new AccountStore(dir, vault).load({ readOnly: true });
    expect(load).toMatchObject({ status: 'ok', rejected: [{ id: 'acc_bad' }] });
    expect((await fs.readdir(dir)).sort()).toEqual(before);
  });
});
