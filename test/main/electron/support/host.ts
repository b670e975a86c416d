// Starting and stopping main/electron/main.ts the way Electron would, for the test files that run the whole host.
// Each such file still mocks `electron` and `electron-updater` itself (vi.mock is hoisted per test file):
//   vi.mock('electron', async () => (await import('./support/electron-mock')).electronModule);
//   vi.mock('electron-updater', async () => (await import('./support/electron-mock')).electronUpdaterModule);
// The host is imported once per test file (Vitest isolates files), so each file starts it once, in beforeAll.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, vi } from 'vitest';
import { electron } from './electron-mock';

const argv = process.argv;
const platform = process.platform;

/** A fresh temporary folder, named after the test file's `tag`. */
export function tempFolder(tag: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `md-electron-${tag}-`));
}

/** Removes a folder made by tempFolder, retrying while the host may still be closing files in it. */
export function removeFolder(folder: string): Promise<void> {
  return fs.rm(folder, { recursive: true, force: true, maxRetries: 5 });
}

/** Runs the host as `electron . ...args` (on `on`, when given): its top level runs, its start-up is under way. */
export async function launchHost(args: readonly string[], on?: NodeJS.Platform): Promise<void> {
  if (on) Object.defineProperty(process, 'platform', { value: on });
  process.argv = ['electron', '.', ...args];
  await import('../../../../main/electron/main');
}

/** Waits until the host's first window has loaded its page: start-up is over. */
export async function firstWindowLoaded(): Promise<void> {
  await vi.waitFor(() => expect(electron.windows[0]?.loaded.length).toBe(1), { timeout: 5000 });
}

/** launchHost on `dataDir`, then firstWindowLoaded. */
export async function startHost(dataDir: string, on?: NodeJS.Platform): Promise<void> {
  await launchHost(['--data-dir', dataDir], on);
  await firstWindowLoaded();
}

/** Puts back what launchHost changed in `process`. */
export function restoreProcess(): void {
  process.argv = argv;
  Object.defineProperty(process, 'platform', { value: platform });
}

/** Quits the host as the user would (Electron's before-quit), lets it close its files, and restores `process`. */
export async function quitHost(): Promise<void> {
  electron.emitApp('before-quit');
  await new Promise((resolve) => setTimeout(resolve, 200));
  restoreProcess();
}

/**
 * Starts the host on a data folder that is a file, where nothing can be written, and waits until it quits.
 * Returns the folder holding that file (remove it afterwards) and the data folder given to the host.
 */
export async function startOnUnwritableFolder(tag: string): Promise<{ work: string; dataDir: string }> {
  const work = await tempFolder(tag);
  const dataDir = path.join(work, 'not-a-folder');
  await fs.writeFile(dataDir, 'a file where the data folder should be');
  await launchHost(['--data-dir', dataDir]);
  await vi.waitFor(() => expect(electron.quit).toHaveBeenCalled(), { timeout: 5000 });
  return { work, dataDir };
}
