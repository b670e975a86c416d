// The vault as the app starts and runs it: a damaged or exposed key never stops the app but is told, the data
// folders are the user's only, and no secret outlives its account.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootApp, type RunningApp } from '../../../../main/app/bootstrap';
import { translatorFor } from '../../../../main/app/desktop-language';
import { sayPhrase } from '../../../../main/common/i18n/phrase';
import { createKeyFileCipher } from '../../../../main/core/vault/cipher';
import { SecretVault } from '../../../../main/core/vault/vault';

let base: string;
let running: RunningApp | undefined;
beforeEach(async () => {
  base = await fs.mkdtemp(path.join(os.tmpdir(), 'md-vault-start-'));
});
afterEach(async () => {
  await running?.close();
  running = undefined;
  await fs.rm(base, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<RunningApp> {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  await fs.writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ sandboxEnabled: false })).catch(() => undefined);
  running = await bootApp({
    dataDir,
    version: '0.0.0-test',
    cipher: () => createKeyFileCipher(dataDir),
    host: { host: 'browser', openExternal: async () => undefined, mediaUrl: (t: string) => `/media/${t}`, pickFolder: async () => null },
  });
  return running;
}

async function stop(): Promise<void> {
  await running?.close();
  running = undefined;
}

const library = { kind: 'library' as const, label: 'Work', serverUrl: 'https://l.example', domain: 'd', userId: 'u', appId: 'a' };

async function sealedNames(dataDir: string): Promise<string[]> {
  const text = await fs.readFile(path.join(dataDir, 'secrets.json'), 'utf8');
  return Object.keys((JSON.parse(text) as { secrets: Record<string, string> }).secrets).sort();
}

describe('the vault when the app starts', () => {
  it('creates the data folder and the folders it makes inside 0700', async () => {
    const dataDir = path.join(base, 'fresh', 'Media Desk');
    running = await bootApp({
      dataDir,
      version: '0.0.0-test',
      cipher: () => createKeyFileCipher(dataDir),
      host: { host: 'browser', openExternal: async () => undefined, mediaUrl: (t: string) => `/media/${t}`, pickFolder: async () => null },
    });
    await running.services.log.flush();
    for (const folder of [dataDir, path.join(dataDir, 'logs')]) expect(((await fs.stat(folder)).mode & 0o777).toString(8)).toBe('700');
    expect((await fs.stat(path.join(dataDir, 'vault.key'))).mode & 0o777).toBe(0o600);
  });

  it('starts after a kill left an empty vault.key, and says saved passwords must be entered again', async () => {
    const dataDir = path.join(base, 'data');
    await fs.mkdir(dataDir);
    await fs.writeFile(path.join(dataDir, 'vault.key'), '');
    const app = await start(dataDir);
    const notices = app.services.notices.list().map((n) => `${n.level}: ${n.message}`);
    expect(notices).toEqual([expect.stringMatching(/^error: The vault key was damaged \(it is empty\).*entered again/)]);
    const said = app.services.notices.list()[0]?.phrase;
    expect(said && sayPhrase(translatorFor('ja'), said)).toMatch(/^ボールトの鍵が破損していたため（中身が空です）、vault\.key\.corrupt-\S+ として退避しました。/);
    expect(app.services.log.list().some((e) => e.scope === 'vault' && /vault key was damaged/.test(e.message))).toBe(true);
    await app.services.accounts.create(library, 'new-secret');
    expect(app.services.accounts.list()[0]?.secretSet).toBe(true);
  });

  it('warns when vault.key can be read by others', async () => {
    const dataDir = path.join(base, 'data');
    await start(dataDir);
    await stop();
    await fs.chmod(path.join(dataDir, 'vault.key'), 0o640);
    const app = await start(dataDir);
    expect(app.services.notices.list().map((n) => n.level + ': ' + n.message)).toEqual([expect.stringMatching(/^warn: .*can be read by other users.*0640/)]);
    const said = app.services.notices.list()[0]?.phrase;
    expect(said && sayPhrase(translatorFor('ja'), said)).toMatch(/^ボールトの鍵（.+vault\.key）を、このコンピューターのほかのユーザーも読み取れます（モード 0640）。ご自分のユーザーだけが読み取れるように、chmod 600 を実行してください。$/);
  });
});

describe('no secret outlives its account', () => {
  it('accounts.remove deletes every vault entry of the account', async () => {
    const dataDir = path.join(base, 'data');
    const app = await start(dataDir);
    const kept = await app.services.accounts.create({ ...library, label: 'Kept' }, 'kept-secret');
    const gone = await app.services.accounts.create(library, 'gone-secret');
    // An entry of the account under another name (an older version, another field).
    await app.services.vault.set(`account:${gone.id}:extra`, 'gone-extra');
    const answer = await app.dispatch('accounts.remove', { accountId: gone.id });
    expect(answer.ok).toBe(true);
    expect(await sealedNames(dataDir)).toEqual([`account:${kept.id}:password`]);
    expect(app.services.vault.allValues()).toEqual(['kept-secret']);
  });

  it('clears entries of accounts that no longer exist at start, but not after a damaged accounts file', async () => {
    const dataDir = path.join(base, 'data');
    const first = await start(dataDir);
    const kept = await first.services.accounts.create(library, 'kept-secret');
    await first.services.vault.set('account:acc_00000000deadbeef:password', 'orphan-secret');
    await stop();

    await start(dataDir);
    expect(await sealedNames(dataDir)).toEqual([`account:${kept.id}:password`]);
    await stop();

    // With accounts.json damaged, its accounts may come back from the copy set aside: keep their secrets.
    await fs.writeFile(path.join(dataDir, 'accounts.json'), '{"version":1,"acc');
    const third = await start(dataDir);
    expect(third.services.notices.list().some((n) => /accounts file was damaged/.test(n.message))).toBe(true);
    expect(await sealedNames(dataDir)).toEqual([`account:${kept.id}:password`]);
    const vault = new SecretVault(dataDir, await createKeyFileCipher(dataDir));
    await vault.load();
    expect(vault.get(`account:${kept.id}:password`)).toBe('kept-secret');
  });
});
