// The Electron host on Windows (`electron` mocked): notifications need the app's AppUserModelId, the installer's appId.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { electron } from './support/electron-mock';
import { quitHost, removeFolder, startHost, tempFolder } from './support/host';

vi.mock('electron', async () => (await import('./support/electron-mock')).electronModule);
vi.mock('electron-updater', async () => (await import('./support/electron-mock')).electronUpdaterModule);

let dataDir: string;

beforeAll(async () => {
  dataDir = await tempFolder('win');
  await startHost(dataDir, 'win32');
});
afterAll(async () => {
  await quitHost();
  await removeFolder(dataDir);
});

describe('the Electron host on Windows', () => {
  it("sets the AppUserModelId to electron-builder.yml's appId", () => {
    expect(electron.setAppUserModelId).toHaveBeenCalledWith('app.mediadesk.desktop');
  });
});
