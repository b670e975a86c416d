// The Electron host when the app cannot start (`electron` mocked): a native error dialog with the reason and the data
// folder, then quit; never an unhandled rejection and a process without a window.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { electron } from './support/electron-mock';

vi.mock('electron', async () => (await import('./support/electron-mock')).electronModule);
vi.mock('electron-updater', async () => (await import('./support/electron-mock')).electronUpdaterModule);

let work: string;
let dataDir: string;
const argv = process.argv;
const unhandled = vi.fn();

beforeAll(async () => {
  process.on('unhandledRejection', unhandled);
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'md-electron-fail-'));
  // A data folder that is a file: nothing can be written under it.
  dataDir = path.join(work, 'not-a-folder');
  await fs.writeFile(dataDir, 'a file where the data folder should be');
  process.argv = ['electron', '.', '--data-dir', dataDir];
  await import('../../../main/electron/main');
  await vi.waitFor(() => expect(electron.quit).toHaveBeenCalled(), { timeout: 5000 });
});
afterAll(async () => {
  process.off('unhandledRejection', unhandled);
  process.argv = argv;
  await fs.rm(work, { recursive: true, force: true });
});

describe('the Electron host when start-up fails', () => {
  it('shows the reason and the data folder in a native error dialog, then quits', () => {
    expect(electron.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, text] = electron.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toBe('Media Desk could not start');
    expect(text).toMatch(/ENOTDIR|not a directory|EEXIST/i);
    expect(text).toContain(`Data folder: ${dataDir}`);
    expect(electron.quit).toHaveBeenCalled();
    expect(electron.windows).toEqual([]);
  });

  it('leaves no unhandled rejection behind', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).not.toHaveBeenCalled();
  });
});
