// The Electron entry point with `electron` mocked (its binary cannot run here): what it sets up, in order, and how it
// lives through its window's life (Linux; macOS and Windows have their own files).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { electron } from './support/electron-mock';
import { firstWindowLoaded, launchHost, quitHost, removeFolder, tempFolder } from './support/host';

vi.mock('electron', async () => (await import('./support/electron-mock')).electronModule);
vi.mock('electron-updater', async () => (await import('./support/electron-mock')).electronUpdaterModule);

let dataDir: string;
let photo: string;

beforeAll(async () => {
  dataDir = await tempFolder('linux');
  photo = path.join(dataDir, 'beach.jpg');
  await fs.writeFile(photo, Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
  await fs.writeFile(path.join(dataDir, 'clip.mp4'), Buffer.alloc(32));
  // What a desktop launcher, an AppImage wrapper or Finder may pass: none of it may stop the app.
  await launchHost(['--no-sandbox', '--enable-logging', '--disable-gpu', '--frobnicate=1', '-psn_0_12345', '--data-dir', dataDir, photo], 'linux');
  await firstWindowLoaded();
});
afterAll(async () => {
  await quitHost();
  await removeFolder(dataDir);
});

describe('the Electron host', () => {
  it('takes the single-instance lock', () => {
    expect(electron.lock).toHaveBeenCalled();
  });

  it('registers app:// and the media scheme as privileged before the app is ready, and serves app://', () => {
    expect(electron.privileged.map((s) => (s as { scheme: string }).scheme)).toEqual(['app', 'media-desk-media']);
    expect(electron.protocols).toContain('app');
  });

  it('opens one hardened window on app://, not file://', () => {
    expect(electron.windows).toHaveLength(1);
    const prefs = electron.windows[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(electron.windows[0]?.loaded).toEqual(['app://media-desk/index.html']);
  });

  it('answers the contract on its IPC channel, for the app window only', async () => {
    const handler = electron.handlers.get('media-desk:invoke') as (e: unknown, m: unknown, a: unknown) => Promise<unknown>;
    const trusted = await handler({ senderFrame: electron.windows[0]?.webContents.mainFrame }, 'app.info', {});
    expect(trusted).toMatchObject({ ok: true, value: { host: 'electron', version: '1.2.3', secureStorage: { backend: 'os-keychain' } } });
    const lookalike = { url: 'app://media-desk/index.html', parent: null };
    expect(await handler({ senderFrame: lookalike }, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'denies the window every permission it asks or checks for, here %s',
    (permission) => {
      const request = electron.permissionHandler.mock.lastCall?.[0] as
        | ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void)
        | undefined;
      const check = electron.permissionCheckHandler.mock.lastCall?.[0] as ((contents: unknown, permission: string) => boolean) | undefined;
      const device = electron.devicePermissionHandler.mock.lastCall?.[0] as ((details: unknown) => boolean) | undefined;
      if (!request || !check || !device) throw new Error('the session has no permission handlers');
      const callback = vi.fn();
      request(electron.windows[0], permission, callback, { requestingUrl: 'app://media-desk/index.html' });
      expect(callback.mock.calls).toEqual([[false]]);
      expect(check(electron.windows[0], permission)).toBe(false);
      expect(device({ deviceType: 'usb', origin: 'app://media-desk' })).toBe(false);
    },
  );

  it('sets a native menu', () => {
    expect(electron.menu?.length).toBeGreaterThan(0);
  });

  it('keeps its data in the --data-dir it was given, despite the Chromium switches and -psn_ around it', async () => {
    expect(await fs.readdir(dataDir)).toEqual(expect.arrayContaining(['logs', 'staging']));
  });

  it('logs the switch it does not know instead of failing', async () => {
    const handler = electron.handlers.get('media-desk:invoke') as (e: unknown, m: unknown, a: unknown) => Promise<{ ok: boolean; value: Array<{ message: string }> }>;
    const log = await handler({ senderFrame: electron.windows[0]?.webContents.mainFrame }, 'log.list', {});
    expect(log.value.map((e) => e.message)).toContainEqual(expect.stringContaining('--frobnicate'));
  });

  it('hands a file given on the command line to the UI once its page is loaded', () => {
    expect(electron.sent(electron.windows[0])).toContainEqual({ event: 'files.opened', payload: { files: [{ ref: { kind: 'granted', id: expect.stringMatching(/^fg_/) as unknown }, name: 'beach.jpg' }] } });
  });

  it('is not on Windows: no AppUserModelId', () => {
    expect(electron.setAppUserModelId).not.toHaveBeenCalled();
  });
});

describe('its menu', () => {
  it("has the app's own commands with their usual shortcuts, and no placeholder documentation link", () => {
    expect(electron.menuItem('Settings')).toMatchObject({ accelerator: 'CmdOrCtrl+,' });
    expect(electron.menuItem('Add Account…')).toMatchObject({ accelerator: 'CmdOrCtrl+N' });
    expect(electron.menuItem('Transfers')).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+T' });
    expect(electron.menuItem('Activity')).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+A' });
    expect(electron.menuItem('Check for Updates…')).toBeDefined();
    expect(electron.menuItem('Documentation')).toBeUndefined();
    expect(JSON.stringify(electron.menu)).not.toContain('github.com');
  });

  it('sends the chosen command to the UI', () => {
    electron.menuItem('Settings')?.click?.();
    electron.menuItem('Activity')?.click?.();
    return vi.waitFor(() =>
      expect(electron.sent(electron.windows[0]).filter((m) => m.event === 'app.command')).toEqual([
        { event: 'app.command', payload: { command: 'settings' } },
        { event: 'app.command', payload: { command: 'activity' } },
      ]),
    );
  });
});

describe("its window's life", () => {
  it('never sends to a destroyed window, even before it says it closed', async () => {
    const first = electron.windows[0];
    if (!first) throw new Error('no window');
    first.destroyed = true; // destroyed, 'closed' not delivered yet
    const before = first.webContents.send.mock.calls.length;
    electron.emitApp('second-instance', {}, ['electron', '.', path.join(dataDir, 'clip.mp4')], dataDir);
    await vi.waitFor(() => expect(electron.windows).toHaveLength(2));
    expect(first.webContents.send.mock.calls.length).toBe(before);
    await vi.waitFor(() => expect(electron.sent(electron.windows[1])).toContainEqual({ event: 'files.opened', payload: { files: [{ ref: { kind: 'granted', id: expect.stringMatching(/^fg_/) as unknown }, name: 'clip.mp4' }] } }));
  });

  it('forgets a closed window: events stop going to it, and the next file opens a new one', async () => {
    const second = electron.windows[1];
    if (!second) throw new Error('no second window');
    second.close();
    const sends = second.webContents.send.mock.calls.length;
    electron.menuItem('Transfers')?.click?.();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(3));
    await vi.waitFor(() => expect(electron.sent(electron.windows[2])).toContainEqual({ event: 'app.command', payload: { command: 'transfers' } }));
    expect(second.webContents.send.mock.calls.length).toBe(sends);
  });

  it('quits when the last window closes (not macOS)', () => {
    electron.emitApp('window-all-closed');
    expect(electron.quit).toHaveBeenCalled();
  });
});
