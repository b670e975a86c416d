// The Electron host on macOS (`electron` mocked): the app outlives its window, and the Dock icon brings one back.
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
  Object.defineProperty(process, 'platform', { value: 'darwin' });
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-electron-mac-'));
  process.argv = ['electron', '.', '--data-dir', dataDir];
  // Finder's "Open With" arrives as an event, possibly before the app is ready.
  const photo = path.join(dataDir, 'dock.jpg');
  await fs.writeFile(photo, Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
  const imported = import('../../../main/electron/main');
  await imported;
  electron.emitApp('open-file', { preventDefault: vi.fn() }, photo);
  await vi.waitFor(() => expect(electron.windows[0]?.loaded.length).toBe(1), { timeout: 5000 });
});
afterAll(async () => {
  electron.emitApp('before-quit');
  await new Promise((resolve) => setTimeout(resolve, 200));
  process.argv = argv;
  Object.defineProperty(process, 'platform', { value: platform });
  await fs.rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

describe('the Electron host on macOS', () => {
  it('takes a file opened through Finder to the UI', async () => {
    await vi.waitFor(() =>
      expect(electron.sent(electron.windows[0])).toContainEqual({ event: 'files.opened', payload: { files: [{ ref: { kind: 'granted', id: expect.stringMatching(/^fg_/) as unknown }, name: 'dock.jpg' }] } }),
    );
  });

  it('keeps running when its window closes, and the Dock icon opens a new window', async () => {
    electron.windows[0]?.close();
    electron.emitApp('window-all-closed');
    expect(electron.quit).not.toHaveBeenCalled();
    electron.emitApp('activate');
    await vi.waitFor(() => expect(electron.windows).toHaveLength(2));
    expect(electron.windows[1]?.loaded).toEqual(['app://media-desk/index.html']);
  });

  it('does not open a second window when one is open', async () => {
    electron.emitApp('activate');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(electron.windows).toHaveLength(2);
  });

  it('sends events to the new window only', async () => {
    electron.menuItem('Settings…')?.click?.();
    await vi.waitFor(() => expect(electron.sent(electron.windows[1])).toContainEqual({ event: 'app.command', payload: { command: 'settings' } }));
    expect(electron.sent(electron.windows[0]).filter((m) => m.event === 'app.command')).toEqual([]);
  });

  it('puts Settings (Cmd+,) and Check for Updates in the app menu', () => {
    const appMenu = electron.menu?.[0];
    expect(appMenu?.label).toBe('Media Desk');
    expect(appMenu?.submenu?.map((i) => i.label ?? i.role)).toEqual(expect.arrayContaining(['about', 'Check for Updates…', 'Settings…', 'quit']));
  });
});
