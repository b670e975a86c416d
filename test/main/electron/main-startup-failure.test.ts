// The Electron host when the app cannot start (`electron` mocked): a native error dialog with the reason and the data
// folder, then quit; never an unhandled rejection and a process without a window.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { electron } from './support/electron-mock';
import { removeFolder, restoreProcess, startOnUnwritableFolder } from './support/host';

vi.mock('electron', async () => (await import('./support/electron-mock')).electronModule);
vi.mock('electron-updater', async () => (await import('./support/electron-mock')).electronUpdaterModule);

let work: string;
let dataDir: string;
const unhandled = vi.fn();

beforeAll(async () => {
  process.on('unhandledRejection', unhandled);
  ({ work, dataDir } = await startOnUnwritableFolder('fail'));
});
afterAll(async () => {
  process.off('unhandledRejection', unhandled);
  restoreProcess();
  await removeFolder(work);
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
