// Boots the real app services on a temp data dir, for tests of the hosts.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootApp, type RunningApp } from '../../main/app/bootstrap';
import { createKeyFileCipher } from '../../main/core/vault/cipher';

/** Boots the app; the embedded sandbox stays off unless asked for, so tests start from no accounts. */
export async function bootTestApp(dataDir?: string, options: { sandbox?: boolean } = {}): Promise<RunningApp & { dataDir: string; cleanup(): Promise<void> }> {
  const dir = dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'md-app-')));
  if (!options.sandbox) {
    await fs.writeFile(path.join(dir, 'settings.json'), JSON.stringify({ sandboxEnabled: false }), { flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  }
  const app = await bootApp({
    dataDir: dir,
    version: '0.0.0-test',
    cipher: () => createKeyFileCipher(dir),
    host: { host: 'browser', openExternal: async () => undefined, mediaUrl: (t: string) => `/media/${t}`, pickFolder: async () => null },
  });
  return {
    ...app,
    dataDir: dir,
    async cleanup() {
      await app.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

export async function makeRendererDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-renderer-'));
  await fs.writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Media Desk</title>');
  await fs.mkdir(path.join(dir, 'assets'));
  await fs.writeFile(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}
