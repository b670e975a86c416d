// The desktop app started on a data folder another host holds (`electron` mocked): it says who holds the folder and
// where, and quits before anything writes into the folder: no userData, no single-instance lock, no window.
import { promises as fs } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lockDataFolder, type DataFolderLock } from '../../../main/core/storage/instance-lock';
import { electron } from './support/electron-mock';
import { launchHost, removeFolder, restoreProcess, tempFolder } from './support/host';

vi.mock('electron', async () => (await import('./support/electron-mock')).electronModule);
vi.mock('electron-updater', async () => (await import('./support/electron-mock')).electronUpdaterModule);

let dataDir: string;
let lock: DataFolderLock;
let before: string[];

beforeAll(async () => {
  dataDir = await tempFolder('held');
  // A browser host holds the folder (here this process stands in for it).
  lock = await lockDataFolder(dataDir, 'browser');
  await lock.announce({ url: 'http://127.0.0.1:5555/' });
  before = (await fs.readdir(dataDir)).sort();
  await launchHost(['--data-dir', dataDir]);
});
afterAll(async () => {
  restoreProcess();
  await lock.release();
  await removeFolder(dataDir);
});

describe('the Electron host on a data folder in use', () => {
  it('names the holder and its address in a native error dialog, then exits', () => {
    expect(electron.showErrorBox).toHaveBeenCalledTimes(1);
    const [, text] = electron.showErrorBox.mock.calls[0] as [string, string];
    expect(text).toContain(dataDir);
    expect(text).toContain('http://127.0.0.1:5555/');
    expect(text).toContain(`process ${process.pid}`);
    expect(electron.exit).toHaveBeenCalledWith(1);
  });

  it('touches nothing: no userData, no single-instance lock, no window, the folder as it was', async () => {
    expect(electron.setPath).not.toHaveBeenCalled();
    expect(electron.lock).not.toHaveBeenCalled();
    expect(electron.windows).toEqual([]);
    expect((await fs.readdir(dataDir)).sort()).toEqual(before);
  });
});
