// The vault's key file and the binding of each sealed entry to its name: what a kill during the first start, a
// damaged or exposed key, swapped entries and files from older versions do.
import { createCipheriv, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyFileCipher } from '../../../../main/core/vault/cipher';
import { SecretVault } from '../../../../main/core/vault/vault';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-vault-key-'));
});
afterEach(async () => {
  await fs.chmod(path.join(dir, 'vault.key'), 0o600).catch(() => undefined);
  await fs.rm(dir, { recursive: true, force: true });
});

const keyFile = () => path.join(dir, 'vault.key');
const secretsFile = () => path.join(dir, 'secrets.json');
const names = async () => (await fs.readdir(dir)).sort();

async function sealedEntries(): Promise<Record<string, string>> {
  return (JSON.parse(await fs.readFile(secretsFile(), 'utf8')) as { secrets: Record<string, string> }).secrets;
}

describe('the vault key file', () => {
  it('is created whole with mode 0600, and no temporary file stays behind', async () => {
    const cipher = await createKeyFileCipher(dir);
    expect((await fs.readFile(keyFile())).length).toBe(32);
    expect((await fs.stat(keyFile())).mode & 0o777).toBe(0o600);
    expect(await names()).toEqual(['vault.key']);
    expect(cipher.notices ?? []).toEqual([]);
  });

  it.each([
    ['empty (a kill during the first start)', Buffer.alloc(0), /it is empty/],
    ['of the wrong length', randomBytes(31), /31 bytes instead of 32/],
  ])('%s: is set aside, a new key is made, the old secrets set aside too, and the user told', async (_what, content, why) => {
    await fs.writeFile(secretsFile(), JSON.stringify({ version: 1, secrets: { 'account:a:password': 'c2VhbGVk' } }));
    await fs.writeFile(keyFile(), content, { mode: 0o600 });
    const cipher = await createKeyFileCipher(dir);
    expect(cipher.keyReplaced).toBe(true);
    expect(cipher.notices?.map((n) => n.message).join()).toMatch(why);
    expect(cipher.notices?.map((n) => n.message).join()).toMatch(/set aside as vault\.key\.corrupt-.*passwords must be entered again/);
    expect((await fs.readFile(keyFile())).length).toBe(32);
    const vault = new SecretVault(dir, cipher);
    const report = await vault.load();
    expect(path.basename(report.setAsideForNewKey ?? '')).toMatch(/^secrets\.json\.corrupt-/);
    expect(vault.names()).toEqual([]);
    const files = await names();
    expect(files.filter((n) => n.startsWith('vault.key.corrupt-'))).toHaveLength(1);
    expect(await fs.readFile(path.join(dir, files.find((n) => n.startsWith('vault.key.corrupt-')) ?? ''))).toEqual(content);
    // And the vault works under the new key.
    await vault.set('account:a:password', 'again');
    const reopened = new SecretVault(dir, await createKeyFileCipher(dir));
    await reopened.load();
    expect(reopened.get('account:a:password')).toBe('again');
  });

  it('that cannot be read (a folder in its place) is set aside too', async () => {
    await fs.mkdir(keyFile());
    const cipher = await createKeyFileCipher(dir);
    expect(cipher.keyReplaced).toBe(true);
    expect(cipher.notices?.[0]?.message).toMatch(/cannot be read \(EISDIR\)/);
  });

  it('is neither replaced nor set aside when opened read-only (the CLI): that fails instead', async () => {
    await fs.writeFile(keyFile(), Buffer.alloc(0));
    await expect(createKeyFileCipher(dir, { readOnly: true })).rejects.toThrow(/damaged \(it is empty\)/);
    expect(await names()).toEqual(['vault.key']);
  });

  it('readable by group or others: works, with a warning', async () => {
    await createKeyFileCipher(dir);
    await fs.chmod(keyFile(), 0o644);
    const cipher = await createKeyFileCipher(dir);
    expect(cipher.keyReplaced).toBe(false);
    expect(cipher.notices).toEqual([{ level: 'warn', message: expect.stringMatching(/can be read by other users.*mode 0644.*chmod 600/), phrase: { key: 'errors:vault.keyReadableByOthers', values: { path: keyFile(), mode: '0644' } } }]);
  });
});

describe('entries bound to their names', () => {
  it('cannot be swapped between accounts: both fail to open', async () => {
    const vault = new SecretVault(dir, await createKeyFileCipher(dir));
    await vault.set('account:acc_a:password', 'password-of-a');
    await vault.set('account:acc_b:password', 'password-of-b');
    const entries = await sealedEntries();
    const swapped = { 'account:acc_a:password': entries['account:acc_b:password'], 'account:acc_b:password': entries['account:acc_a:password'] };
    await fs.writeFile(secretsFile(), JSON.stringify({ version: 1, secrets: swapped }));
    const reopened = new SecretVault(dir, await createKeyFileCipher(dir));
    expect((await reopened.load()).unreadable.sort()).toEqual(['account:acc_a:password', 'account:acc_b:password']);
    expect([reopened.get('account:acc_a:password'), reopened.get('account:acc_b:password')]).toEqual([undefined, undefined]);
  });

  it('sealed by an older version without names: opened, re-sealed with their names, nothing lost', async () => {
    await createKeyFileCipher(dir);
    const key = await fs.readFile(keyFile());
    const sealUnbound = (plain: string): string => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    };
    const legacy = { 'account:acc_a:password': sealUnbound('old-a'), 'account:acc_b:authToken': sealUnbound('old-b') };
    await fs.writeFile(secretsFile(), JSON.stringify({ version: 1, secrets: legacy }));

    const upgraded = new SecretVault(dir, await createKeyFileCipher(dir));
    expect(await upgraded.load()).toEqual({ unreadable: [], migrated: 2 });
    expect([upgraded.get('account:acc_a:password'), upgraded.get('account:acc_b:authToken')]).toEqual(['old-a', 'old-b']);

    // The file now holds them bound: opening one under the other's name fails, each under its own works.
    const resealed = await sealedEntries();
    expect(resealed['account:acc_a:password']).not.toBe(legacy['account:acc_a:password']);
    const cipher = await createKeyFileCipher(dir);
    await expect(cipher.decryptUnbound(resealed['account:acc_a:password'] ?? '')).rejects.toThrow();
    await expect(cipher.decrypt(resealed['account:acc_a:password'] ?? '', 'account:acc_b:authToken')).rejects.toThrow();
    const again = new SecretVault(dir, cipher);
    expect(await again.load()).toEqual({ unreadable: [] });
    expect(again.get('account:acc_b:authToken')).toBe('old-b');
  });

  it('opened read-only (the CLI), older entries are read but the file is not rewritten', async () => {
    await createKeyFileCipher(dir);
    const key = await fs.readFile(keyFile());
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([c.update('old', 'utf8'), c.final()]);
    const text = JSON.stringify({ version: 1, secrets: { 'account:a:password': Buffer.concat([iv, c.getAuthTag(), body]).toString('base64') } });
    await fs.writeFile(secretsFile(), text);
    const vault = new SecretVault(dir, await createKeyFileCipher(dir, { readOnly: true }), { readOnly: true });
    await vault.load();
    expect(vault.get('account:a:password')).toBe('old');
    expect(await fs.readFile(secretsFile(), 'utf8')).toBe(text);
  });

  it('keeps an entry it cannot open when it writes the others', async () => {
    const vault = new SecretVault(dir, await createKeyFileCipher(dir));
    await vault.set('account:a:password', 'a');
    const entries = await sealedEntries();
    await fs.writeFile(secretsFile(), JSON.stringify({ version: 1, secrets: { ...entries, 'account:x:password': 'bm90IHNlYWxlZCBieSB0aGlzIGtleQ==' } }));
    const reopened = new SecretVault(dir, await createKeyFileCipher(dir));
    await reopened.load();
    await reopened.set('account:b:password', 'b');
    expect(Object.keys(await sealedEntries()).sort()).toEqual(['account:a:password', 'account:b:password', 'account:x:password']);
    await reopened.deleteWhere((name) => name.startsWith('account:x:'));
    expect(Object.keys(await sealedEntries()).sort()).toEqual(['account:a:password', 'account:b:password']);
  });
});
