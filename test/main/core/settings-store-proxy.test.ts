// The stored proxy setting: a settings file from before it existed gets the default (the system's proxy); one that
// cannot be used (a manual proxy without a port, a hand edit) falls back to the default alone, and says so; one from
// before credentials were bound to a named proxy is read as naming none (its credentials held back), not rewritten.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PROXY_SETTING } from '../../../main/common/proxy';
import { SettingsStore } from '../../../main/core/settings-store';

const dirs: string[] = [];
async function storeWith(stored: unknown): Promise<{ store: SettingsStore; load: Awaited<ReturnType<SettingsStore['load']>> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-settings-proxy-'));
  dirs.push(dir);
  await fs.writeFile(path.join(dir, 'settings.json'), JSON.stringify(stored));
  const store = new SettingsStore(dir);
  return { store, load: await store.load() };
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

describe('the stored proxy setting', () => {
  it('is the system proxy for a settings file from before it existed', async () => {
    const { store, load } = await storeWith({ theme: 'dark' });
    expect(load).toEqual({ status: 'ok', reset: [] });
    expect(store.get().proxy).toEqual(DEFAULT_PROXY_SETTING);
  });

  it('keeps a valid manual proxy', async () => {
    const proxy = { mode: 'manual', host: 'proxy.corp', port: 3128, username: 'ops', bypass: '.corp, 10.0.0.0/8' };
    const { store } = await storeWith({ proxy });
    expect(store.get().proxy).toEqual({ ...proxy, credentialsProxy: '' });
  });

  it("keeps a system proxy's user name from before proxies were named, naming none and rewriting nothing", async () => {
    const stored = { mode: 'system', host: '', port: null, username: 'ops', bypass: '' };
    const { store, load } = await storeWith({ proxy: stored });
    expect(load).toEqual({ status: 'ok', reset: [] });
    expect(store.get().proxy).toEqual({ ...stored, credentialsProxy: '' });
    expect(JSON.parse(await fs.readFile(path.join(dirs[0] ?? '', 'settings.json'), 'utf8'))).toEqual({ proxy: stored });
  });

  it('falls back to the default alone when the stored one cannot be used, and says so', async () => {
    const { store, load } = await storeWith({ theme: 'dark', proxy: { mode: 'manual', host: 'proxy.corp', port: null, username: '', bypass: '' } });
    expect(store.get()).toMatchObject({ theme: 'dark', proxy: DEFAULT_PROXY_SETTING });
    expect(load.status === 'ok' ? load.reset.map((r) => r.key) : []).toEqual(['proxy']);
  });
});
