// The Electron entry point with `electron` mocked (its binary cannot run here): what it sets up, in order.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({
  windows: [] as Array<{ options: Record<string, unknown>; loaded: string[]; mainFrame: unknown }>,
  handlers: new Map<string, unknown>(),
  protocols: [] as string[],
  privileged: [] as unknown[],
  lock: vi.fn(() => true),
  menuSet: vi.fn(),
  permissionRequest: vi.fn(),
  permissionCheck: vi.fn(),
  devicePermission: vi.fn(),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { send: vi.fn(), mainFrame: { url: 'app://media-desk/index.html', parent: null } };
    loaded: string[] = [];
    constructor(options: Record<string, unknown>) {
      calls.windows.push({ options, loaded: this.loaded, mainFrame: this.webContents.mainFrame });
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    once() {}
    on() {}
    show() {}
    maximize() {}
    isMaximized() {
      return false;
    }
    setProgressBar() {}
    getNormalBounds() {
      return { x: 0, y: 0, width: 1280, height: 800 };
    }
  }
  return {
    BrowserWindow,
    app: {
      requestSingleInstanceLock: calls.lock,
      setPath: vi.fn(),
      on: vi.fn(),
      whenReady: () => Promise.resolve(),
      getVersion: () => '1.2.3',
      isPackaged: false,
      name: 'Media Desk',
      quit: vi.fn(),
    },
    ipcMain: { handle: (channel: string, handler: unknown) => calls.handlers.set(channel, handler) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => calls.privileged.push(...schemes),
      handle: (scheme: string) => calls.protocols.push(scheme),
    },
    Notification: class {
      static isSupported() {
        return true;
      }
      show() {}
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: calls.menuSet },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptStringAsync: async (s: string) => Buffer.from(s).reverse(),
      decryptStringAsync: async (b: Buffer) => ({ result: Buffer.from(b).reverse().toString(), shouldReEncrypt: false }),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: calls.permissionRequest,
        setPermissionCheckHandler: calls.permissionCheck,
        setDevicePermissionHandler: calls.devicePermission,
      },
    },
    shell: { openExternal: vi.fn(), openPath: vi.fn() },
    dialog: { showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })) },
  };
});

let dataDir: string;
const argv = process.argv;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-electron-'));
  process.argv = ['electron', '.', '--data-dir', dataDir];
  await import('../../../main/electron/main');
  await vi.waitFor(() => expect(calls.windows[0]?.loaded.length).toBe(1), { timeout: 5000 });
});
afterAll(async () => {
  process.argv = argv;
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('the Electron host', () => {
  it('takes the single-instance lock', () => {
    expect(calls.lock).toHaveBeenCalled();
  });

  it('registers app:// and the media scheme as privileged before the app is ready, and serves app://', () => {
    expect(calls.privileged.map((s) => (s as { scheme: string }).scheme)).toEqual(['app', 'media-desk-media']);
    expect(calls.protocols).toContain('app');
  });

  it('opens one hardened window on app://, not file://', () => {
    expect(calls.windows).toHaveLength(1);
    const prefs = calls.windows[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(calls.windows[0]?.loaded).toEqual(['app://media-desk/index.html']);
  });

  it('answers the contract on its IPC channel, for the app window only', async () => {
    const handler = calls.handlers.get('media-desk:invoke') as (e: unknown, m: unknown, a: unknown) => Promise<unknown>;
    const trusted = await handler({ senderFrame: calls.windows[0]?.mainFrame }, 'app.info', {});
    expect(trusted).toMatchObject({ ok: true, value: { host: 'electron', version: '1.2.3', secureStorage: { backend: 'os-keychain' } } });
    const lookalike = { url: 'app://media-desk/index.html', parent: null };
    expect(await handler({ senderFrame: lookalike }, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'denies the window every permission it asks or checks for, here %s',
    (permission) => {
      const request = calls.permissionRequest.mock.lastCall?.[0] as
        | ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void)
        | undefined;
      const check = calls.permissionCheck.mock.lastCall?.[0] as ((contents: unknown, permission: string) => boolean) | undefined;
      const device = calls.devicePermission.mock.lastCall?.[0] as ((details: unknown) => boolean) | undefined;
      if (!request || !check || !device) throw new Error('the session has no permission handlers');
      const callback = vi.fn();
      request(calls.windows[0], permission, callback, { requestingUrl: 'app://media-desk/index.html' });
      expect(callback.mock.calls).toEqual([[false]]);
      expect(check(calls.windows[0], permission)).toBe(false);
      expect(device({ deviceType: 'usb', origin: 'app://media-desk' })).toBe(false);
    },
  );

  it('sets a native menu', () => {
    expect(calls.menuSet).toHaveBeenCalled();
  });

  it('keeps its data in the --data-dir it was given', async () => {
    expect(await fs.readdir(dataDir)).toEqual(expect.arrayContaining(['logs', 'staging']));
  });
});
