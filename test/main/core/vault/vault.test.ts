import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyFileCipher, memoryOnlyCipher } from '../../../../main/core/vault/cipher';
import { SecretVault } from '../../../../main/core/vault/vault';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-vault-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function allFilesText(root: string): Promise<string> {
  const names = await fs.readdir(root, { recursive: true });
  const texts = await Promise.all(names.map(async (n) => {
    const full = path.join(root, String(n));
    return (await fs.stat(full)).isFile() ? fs.readFile(full, 'latin1') : '';
  }));
  return texts.join('\n');
}

describe('the secret vault with a key file', () => {
  it('keeps secrets across a restart without writing them in plain text', async () => {
    const secret = 'hunter2-Ünïcode-ключ';
    const vault = new SecretVault(dir, await createKeyFileCipher(dir));
    await vault.load();
    await vault.set('account:a:password', secret);

    const text = await allFilesText(dir);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(Buffer.from(secret).toString('base64'));

    const reopened = new SecretVault(dir, await createKeyFileCipher(dir));
    expect(await reopened.load()).toEqual({ unreadable: [] });
    expect(reopened.get('account:a:password')).toBe(secret);
  });

  it('makes the key and the sealed file readable by the owner only', async () => {
    const vault = new SecretVault(dir, await createKeyFileCipher(dir));
    await vault.set('k', 'v');
    expect((await fs.stat(path.join(dir, 'vault.key'))).mode & 0o777).toBe(0o600);
    expect((await fs.stat(path.join(dir, 'secrets.json'))).mode & 0o777).toBe(0o600);
  });

  it('reports secrets sealed under another key as unreadable instead of failing', async () => {
    const vault = new SecretVault(dir, await createKeyFileCipher(dir));
    await vault.set('k', 'value');
    await fs.rm(path.join(dir, 'vault.key'));
    const other = new SecretVault(dir, await createKeyFileCipher(dir));
    expect(await other.load()).toEqual({ unreadable: ['k'] });
    expect(other.has('k')).toBe(false);
  });

  it('detects tampering with a sealed secret', async () => {
    const vault = new SecretVault(dir, await createKeyFileCipher(dir));
    await vault.set('k', 'value');
    const file = path.join(dir, 'secrets.json');
    const sealed = JSON.parse(await fs.readFile(file, 'utf8')) as { secrets: { k: string } };
    const raw = Buffer.from(sealed.secrets.k, 'base64');
    raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1);
    sealed.secrets.k = raw.toString('base64');
    await fs.writeFile(file, JSON.stringify(sealed));
    const reopened = new SecretVault(dir, await createKeyFileCipher(dir));
    expect((await reopened.load()).unreadable).toEqual(['k']);
  });

  it('sets a damaged secrets file aside and says so', async () => {
    await createKeyFileCipher(dir);
    await fs.writeFile(path.join(dir, 'secrets.json'), '{"version": 1, "secr');
    const vault = new SecretVault(dir, await createKeyFileCipher(dir));
    const report = await vault.load();
    expect(report.corruptMovedTo).toMatch(/secrets\.json\.corrupt-/);
  });

  it('deletes a secret for good', async () => {
    const vault = new SecretVault(dir, await createKeyFileCipher(dir));
    await vault.set('a', 'one');
    await vault.set('b', 'two');
    await vault.delete('a');
    const reopened = new SecretVault(dir, await createKeyFileCipher(dir));
    await reopened.load();
    expect([reopened.has('a'), reopened.get('b')]).toEqual([false, 'two']);
  });
});

describe('the memory-only vault', () => {
  it('keeps secrets for the session and writes none of them', async () => {
    const vault = new SecretVault(dir, memoryOnlyCipher);
    await vault.set('k', 'in-memory-secret');
    expect(vault.get('k')).toBe('in-memory-secret');
    expect(await allFilesText(dir)).not.toContain('in-memory-secret');
    const next = new SecretVault(dir, memoryOnlyCipher);
    await next.load();
    expect(next.has('k')).toBe(false);
  });

  it('erases secrets already on disk when switching to memory only', async () => {
    const vault = new SecretVault(dir, await createKeyFileCipher(dir));
    await vault.set('k', 'value');
    await vault.useCipher(memoryOnlyCipher);
    expect((JSON.parse(await fs.readFile(path.join(dir, 'secrets.json'), 'utf8')) as { secrets: unknown }).secrets).toEqual({});
    expect(vault.get('k')).toBe('value');
  });
});
