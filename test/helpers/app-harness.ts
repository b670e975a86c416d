// Boots the real app services on a temp data dir, for tests of the hosts.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootApp, type RunningApp } from '../../main/app/bootstrap';
import type { DownloadKind, FileRef } from '../../main/common/contract';
import { createKeyFileCipher } from '../../main/core/vault/cipher';

export interface TestAppGrants {
  /** As the user choosing `folder` in the OS folder dialog (for `kind` of download, if named): the grant id main hands the window. */
  grantFolder(folder: string, kind?: DownloadKind): Promise<string>;
  /** As the user dropping `file` on the Electron window: the preload hands its path to main, which grants it. */
  grantFile(file: string): Promise<FileRef>;
}

/** Boots the app; the embedded sandbox stays off unless asked for, so tests start from no accounts. */
export async function bootTestApp(dataDir?: string, options: { sandbox?: boolean; env?: Record<string, string | undefined> } = {}): Promise<RunningApp & TestAppGrants & { dataDir: string; cleanup(): Promise<void> }> {
  const dir = dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'md-app-')));
  if (!options.sandbox) {
    await fs.writeFile(path.join(dir, 'settings.json'), JSON.stringify({ sandboxEnabled: false }), { flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  }
  // What the folder dialog answers next; null: the user cancels it.
  let dialogAnswer: string | null = null;
  const app = await bootApp({
    dataDir: dir,
    version: '0.0.0-test',
    cipher: () => createKeyFileCipher(dir),
    // The proxy variables the app reads: the test's own, never the machine's.
    env: options.env ?? {},
    host: {
      host: 'browser',
      openExternal: async () => undefined,
      mediaUrl: (t: string) => `/media/${t}`,
      pickFolder: async () => (dialogAnswer === null ? null : { path: dialogAnswer, picked: true }),
    },
  });
  return {
    ...app,
    dataDir: dir,
    async grantFolder(folder, kind) {
      dialogAnswer = folder;
      const answer = await app.dispatch('files.pickFolder', kind ? { kind } : {});
      dialogAnswer = null;
      if (!answer.ok) throw new Error(`files.pickFolder failed: ${answer.error.message}`);
      const grant = answer.value as { grantId: string } | null;
      if (!grant) throw new Error('files.pickFolder granted nothing');
      return grant.grantId;
    },
    grantFile: (file) => app.staging.grantPath(file),
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
