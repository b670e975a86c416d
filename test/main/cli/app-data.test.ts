// The CLI opens the app's data folder read-only: a damaged vault key is reported, never replaced or set aside, and
// a key others can read is warned about.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppData } from '../../../main/cli/app-data.js';
import { AccountStore } from '../../../main/core/accounts/account-store.js';
import { createKeyFileCipher } from '../../../main/core/vault/cipher.js';
import { SecretVault } from '../../../main/core/vault/vault.js';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-cli-data-'));
  const vault = new SecretVault(dir, await createKeyFileCipher(dir));
  await vault.load();
  await new AccountStore(dir, vault).create({ kind: 'library', label: 'Work', serverUrl: 'https://l.example', domain: 'd', userId: 'u', appId: 'a' }, 'the-secret');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('the CLI and the vault key', () => {
  it('warns when vault.key can be read by others, and still reads the secret', async () => {
    await fs.chmod(path.join(dir, 'vault.key'), 0o644);
    const warnings: string[] = [];
    const data = await openAppData(dir, (text) => warnings.push(text));
    expect(warnings).toEqual([expect.stringMatching(/can be read by other users.*0644/)]);
    expect(data.accounts.secret(data.accounts.list()[0]?.id ?? '')).toBe('the-secret');
  });

  it('reports a damaged key and leaves the folder as it is', async () => {
    await fs.writeFile(path.join(dir, 'vault.key'), '');
    const before = (await fs.readdir(dir)).sort();
    const warnings: string[] = [];
    const data = await openAppData(dir, (text) => warnings.push(text));
    expect(warnings).toEqual([expect.stringMatching(/vault key .* is damaged/)]);
    expect(data.unreadable).toHaveLength(1);
    expect((await fs.readdir(dir)).sort()).toEqual(before);
  });
});
