// The Electron host on macOS (`electron` mocked): the app outlives its window, and the Dock icon brings one back.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { electron } from './support/electron-mock';
import { firstWindowLoaded, launchHost, quitHost, removeFolder, tempFolder } from './support/host';

vi.mock('electron', async () => (await import('./support/electron-mock')).electronModule);
vi.mock('electron-updater', async () => (await import('./support/electron-mock')).electronUpdaterModule);

let dataDir: string;

beforeAll(async () => {
  dataDir = await tempFolder('mac');
  // Finder's "Open With" arrives as an event, possibly before the app is ready.
  const photo = path.join(dataDir, 'dock.jpg');
  await fs.writeFile(photo, Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
  await launchHost(['--data-dir', dataDir], 'darwin');
  electron.emitApp('open-file', { preventDefault: vi.fn() }, photo);
  await firstWindowLoaded();
});
afterAll(async () => {
  await quitHost();
  await removeFolder(dataDir);
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
