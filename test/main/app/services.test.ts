import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../main/app/services';
import { createKeyFileCipher } from '../../../main/core/vault/cipher';
import { translatorFor } from '../../../main/app/desktop-language';
import { sayPhrase } from '../../../main/common/i18n/phrase';

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
    expect(notice?.phrase && sayPhrase(translatorFor('ja'), notice.phrase)).toMatch(/^設定ファイルが破損していました（.+）。settings\.json\.corrupt-.+ として残し、既定の設定を使用しています。$/);
  });

  it('keeps valid settings, resets only the bad values, and names each one reset', async () => {
    await fs.writeFile(path.join(dir, 'settings.json'), JSON.stringify({ theme: 'dark', concurrency: 99 }));
    const services = await boot();
    expect(services.settings.get()).toMatchObject({ theme: 'dark', concurrency: 3 });
    expect(services.notices.list()).toEqual([expect.objectContaining({ level: 'warn', message: expect.stringContaining('"concurrency" (99) is back to its default (3)') })]);
  });

  it('reports a corrupt accounts file as an error notice', async () => {
    await fs.writeFile(path.join(dir, 'accounts.json'), '[]');
    const services = await boot();
    expect(services.notices.list().map((n) => n.level)).toEqual(['error']);
  });

  it('removes temporary files left by a crash before reading anything', async () => {
    await fs.writeFile(path.join(dir, '.accounts.json.123.tmp'), 'half');
    await boot();
    expect(await fs.readdir(dir)).not.toContain('.accounts.json.123.tmp');
  });
});
