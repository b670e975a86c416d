import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../main/app/services';
import { createKeyFileCipher } from '../../../main/core/vault/cipher';
import { translatorFor } from '../../../main/app/desktop-language';
import { AppError } from '../../../main/common/errors';
import { phrase, sayPhrase } from '../../../main/common/i18n/phrase';

let dir: string;
const booted: Array<Awaited<ReturnType<typeof createAppServices>>> = [];
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-services-'));
});
afterEach(async () => {
  for (const services of booted.splice(0)) {
    await services.transfers.stop();
    await services.log.flush();
  }
  await fs.rm(dir, { recursive: true, force: true });
});

async function boot() {
  const services = await createAppServices({ dataDir: dir, version: '1.0.0', cipher: () => createKeyFileCipher(dir), host: { host: 'browser', openExternal: async () => undefined, mediaUrl: (t: string) => `/media/${t}`, pickFolder: async () => null } });
  booted.push(services);
  return services;
}

describe('starting the app services', () => {
  it('starts with defaults on an empty data dir and no notices', async () => {
    const services = await boot();
    expect(services.settings.get()).toMatchObject({ theme: 'system', concurrency: 3, sandboxEnabled: true });
    expect(services.notices.list()).toEqual([]);
  });

  it('still starts when settings.json is corrupt, keeps it aside and tells the user', async () => {
    await fs.writeFile(path.join(dir, 'settings.json'), 'not json at all');
    const services = await boot();
    expect(services.settings.get().concurrency).toBe(3);
    const [notice] = services.notices.list();
    expect(notice?.message).toMatch(/settings file was damaged.*settings\.json\.corrupt-/);
    expect((await fs.readdir(dir)).some((n) => n.startsWith('settings.json.corrupt-'))).toBe(true);
    // The window says it in its language: the notice carries the phrase of the English message.
    expect(notice?.phrase && sayPhrase(translatorFor('ja'), notice.phrase)).toMatch(/^設定ファイルが破損していました（正しい JSON ではありません）。settings\.json\.corrupt-.+ として残し、既定の設定を使用しています。$/);
    expect(notice?.message).toContain('(it is not valid JSON)');
  });

  it('keeps valid settings, resets only the bad values, and names each one reset', async () => {
    await fs.writeFile(path.join(dir, 'settings.json'), JSON.stringify({ theme: 'dark', concurrency: 99 }));
    const services = await boot();
    expect(services.settings.get()).toMatchObject({ theme: 'dark', concurrency: 3 });
    expect(services.notices.list()).toEqual([expect.objectContaining({ level: 'warn', message: expect.stringContaining('"concurrency" (99) is back to its default (3)') })]);
  });

  it('says the settings it reset in Japanese, each one whole, listed the Japanese way', async () => {
    await fs.writeFile(path.join(dir, 'settings.json'), JSON.stringify({ theme: 'neon', concurrency: 99 }));
    const [notice] = (await boot()).notices.list();
    expect(notice?.message).toMatch(/^Some settings had values Media Desk cannot use: "theme" \("neon"\) is back to its default \("system"\); "concurrency" \(99\) is back to its default \(3\)\. The file as it was is kept as settings\.json\.corrupt-\S+\.$/);
    expect(notice?.phrase && sayPhrase(translatorFor('ja'), notice.phrase)).toMatch(
      /^Media Desk で使えない値の設定がありました：「theme」の値（"neon"）を既定値（"system"）に戻しました、「concurrency」の値（99）を既定値（3）に戻しました。元のファイルは settings\.json\.corrupt-\S+ として残してあります。$/,
    );
  });

  it('names the accounts it could not read in Japanese, each with its reason', async () => {
    const entries = [{ id: 'acc_broken01', config: { kind: 'fax', label: 'Old fax' } }, { config: { kind: 'fax' } }];
    await fs.writeFile(path.join(dir, 'accounts.json'), JSON.stringify({ version: 1, accounts: entries }));
    const [notice] = (await boot()).notices.list();
    expect(notice?.message).toMatch(/^2 accounts in your accounts file could not be read and are not shown: "Old fax" \(acc_broken01\): entry 1, .+; an account without a name: entry 2, .+\. Your other accounts are unaffected\./);
    const japanese = notice?.phrase ? sayPhrase(translatorFor('ja'), notice.phrase) : '';
    expect(japanese).toMatch(/^アカウントファイルの 2 件のアカウントを読み取れなかったため、表示していません：「Old fax」（acc_broken01）：1 件目、.+、名前のないアカウント：2 件目、.+。ほかのアカウントには影響ありません。/);
    // Only the schema's words (a detail for support) and the file's name stay in Latin letters.
    expect(japanese).not.toMatch(/could not|not shown|without a name|unaffected|kept as|entry \d/);
  });

  it('reports a corrupt accounts file as an error notice', async () => {
    await fs.writeFile(path.join(dir, 'accounts.json'), '[]');
    const services = await boot();
    expect(services.notices.list().map((n) => n.level)).toEqual(['error']);
  });

  it('says in the reader’s language that saved passwords are kept in memory when the keyring cannot be opened', async () => {
    const services = await createAppServices({
      dataDir: dir,
      version: '1.0.0',
      cipher: () => Promise.reject(new AppError('io', phrase('errors:files.permissionDenied'))),
      host: { host: 'browser', openExternal: async () => undefined, mediaUrl: (t: string) => `/media/${t}`, pickFolder: async () => null },
    });
    booted.push(services);
    const [notice] = services.notices.list();
    expect(notice?.message).toBe('Saved passwords cannot be used this session (Permission denied on a local file or folder.); they are kept in memory only.');
    expect(notice?.phrase && sayPhrase(translatorFor('ja'), notice.phrase)).toBe(
      'このセッションでは保存されたパスワードを使えません（ローカルのファイルまたはフォルダーへのアクセス権がありません。）。パスワードはメモリ上にだけ保持されます。',
    );
  });

  it('removes temporary files left by a crash before reading anything', async () => {
    await fs.writeFile(path.join(dir, '.accounts.json.123.tmp'), 'half');
    await boot();
    expect(await fs.readdir(dir)).not.toContain('.accounts.json.123.tmp');
  });
});
