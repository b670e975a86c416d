// The Electron host on Windows (`electron` mocked): notifications need the app's AppUserModelId, the installer's appId.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { electron } from './support/electron-mock';

vi.mock('electron', async () => (await import('./support/electron-mock')).electronModule);
vi.mock('electron-updater', async () => (await import('./support/electron-mock')).electronUpdaterModule);

let dataDir: string;
const argv = process.argv;
const platform = process.platform;

beforeAll(async () => {
  Object.defineProperty(process, 'platform', { value: 'win32' });
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-electron-win-'));
  process.argv = ['electron', '.', '--data-dir', dataDir];
  await import('../../../main/electron/main');
  await vi.waitFor(() => expect(electron.windows[0]?.loaded.length).toBe(1), { timeout: 5000 });
});
afterAll(async () => {
  electron.emitApp('before-quit');
  await new Promise((resolve) => setTimeout(resolve, 200));
  process.argv = argv;
  Object.defineProperty(process, 'platform', { value: platform });
  await fs.rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

describe('the Electron host on Windows', () => {
  it("sets the AppUserModelId to electron-builder.yml's appId", () => {
    expect(electron.setAppUserModelId).toHaveBeenCalledWith('app.mediadesk.desktop');
  });
});
