// A stand-in for the `electron` module (its binary cannot run here), recording what the Electron host does with it.
// Each test file that imports main/electron/main.ts mocks `electron` with `electronModule` and reads `electron`.
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

export class FakeWindow {
  readonly listeners = new Map<string, Listener[]>();
  readonly loaded: string[] = [];
  destroyed = false;
  readonly webContents = {
    send: vi.fn(),
    isDestroyed: () => this.destroyed,
    mainFrame: { url: 'app://media-desk/index.html', parent: null },
  };
  constructor(readonly options: Record<string, unknown>) {
    electron.windows.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
  /** What Electron does when the user closes the window. */
  close() {
    this.emit('close');
    this.destroyed = true;
    this.emit('closed');
  }
  isDestroyed() {
    return this.destroyed;
  }
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  maximize() {}
  isMaximized() {
    return false;
  }
  setProgressBar() {}
  getNormalBounds() {
    return { x: 0, y: 0, width: 1280, height: 800 };
  }
}

export interface MenuItem {
  label?: string;
  role?: string;
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItem[];
}

export const electron = {
  windows: [] as FakeWindow[],
  appListeners: new Map<string, Listener[]>(),
  handlers: new Map<string, unknown>(),
  protocols: [] as string[],
  /** What protocol.handle was given, by scheme. */
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  privileged: [] as unknown[],
  menu: undefined as MenuItem[] | undefined,
  /** Electron's app.getLocale(); tests set it. */
  locale: 'en-US',
  /** Every notification shown, as { title, body }. */
  notifications: [] as Array<{ title?: string; body?: string }>,
  lock: vi.fn(() => true),
  quit: vi.fn(),
  exit: vi.fn(),
  setPath: vi.fn(),
  setAppUserModelId: vi.fn(),
  showErrorBox: vi.fn(),
  permissionHandler: vi.fn(),
  permissionCheckHandler: vi.fn(),
  devicePermissionHandler: vi.fn(),
  /** Chromium's answer for the system proxy of a URL ("DIRECT", "PROXY host:port; DIRECT"…); tests set it. */
  resolveProxy: vi.fn((_url: string) => Promise.resolve('DIRECT')),
  /** Fires an `app` event the way Electron would. */
  emitApp(event: string, ...args: unknown[]) {
    for (const listener of electron.appListeners.get(event) ?? []) listener(...args);
  },
  /** Every `webContents.send` of every window, as { event, payload }. */
  sent(window: FakeWindow | undefined): Array<{ event: string; payload: unknown }> {
    return (window?.webContents.send.mock.calls ?? []).map((call) => call[1] as { event: string; payload: unknown });
  },
  menuItem(label: string): MenuItem | undefined {
    const walk = (items: MenuItem[]): MenuItem | undefined => {
      for (const item of items) {
        if (item.label === label) return item;
        const inner = item.submenu ? walk(item.submenu) : undefined;
        if (inner) return inner;
      }
      return undefined;
    };
    return walk(electron.menu ?? []);
  },
};

export const electronModule = {
  BrowserWindow: FakeWindow,
  app: {
    requestSingleInstanceLock: electron.lock,
    setPath: electron.setPath,
    setAppUserModelId: electron.setAppUserModelId,
    on: (event: string, listener: Listener) => electron.appListeners.set(event, [...(electron.appListeners.get(event) ?? []), listener]),
    whenReady: () => Promise.resolve(),
    getVersion: () => '1.2.3',
    isPackaged: false,
    name: 'Media Desk',
    getLocale: () => electron.locale,
    quit: electron.quit,
    exit: electron.exit,
  },
  ipcMain: { handle: (channel: string, handler: unknown) => electron.handlers.set(channel, handler) },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.privileged.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
      electron.protocols.push(scheme);
      electron.protocolHandlers.set(scheme, handler);
    },
  },
  Notification: class {
    constructor(private readonly options: { title?: string; body?: string }) {}
    static isSupported() {
      return true;
    }
    show() {
      electron.notifications.push(this.options);
    }
  },
  Menu: {
    buildFromTemplate: (template: MenuItem[]) => template,
    setApplicationMenu: (menu: MenuItem[]) => (electron.menu = menu),
  },
  safeStorage: {
    isAsyncEncryptionAvailable: () => Promise.resolve(true),
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptStringAsync: (s: string) => Promise.resolve(Buffer.from(s).reverse()),
    decryptStringAsync: (b: Buffer) => Promise.resolve({ result: Buffer.from(b).reverse().toString(), shouldReEncrypt: false }),
  },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  session: {
    defaultSession: {
      setPermissionRequestHandler: electron.permissionHandler,
      setPermissionCheckHandler: electron.permissionCheckHandler,
      setDevicePermissionHandler: electron.devicePermissionHandler,
      resolveProxy: (url: string) => electron.resolveProxy(url),
    },
  },
  shell: { openExternal: vi.fn(), openPath: vi.fn() },
  dialog: { showOpenDialog: vi.fn(() => Promise.resolve({ canceled: true, filePaths: [] })), showErrorBox: electron.showErrorBox },
};

/** electron-updater requires the real `electron` when its autoUpdater is first used; the host's tests never check. */
export const electronUpdaterModule = {
  autoUpdater: {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    logger: null as unknown,
    currentVersion: { version: '1.2.3' },
    on: vi.fn(),
    checkForUpdates: vi.fn(() => Promise.resolve(null)),
    downloadUpdate: vi.fn(() => Promise.resolve([])),
    quitAndInstall: vi.fn(),
  },
};
