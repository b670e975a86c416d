// The Electron host: the only code that imports `electron`. It wires the shared services to a hardened window.
import path from 'node:path';
import { BrowserWindow, Menu, Notification, app, dialog, ipcMain, protocol, safeStorage, screen, session, shell } from 'electron';
import { APP_ORIGIN, IPC_EVENT } from '../common/channels.js';
import { batchSummary } from '../app/batch-summary.js';
import { bootApp, type RunningApp } from '../app/bootstrap.js';
import { validateExternalUrl } from '../app/handlers/index.js';
import { parseHostArgs } from '../app/paths.js';
import { PRIVILEGED_SCHEMES, registerAppProtocol } from './app-protocol.js';
import { registerContractIpc, registerFileGrantIpc } from './ipc.js';
import { mediaUrlFor, registerMediaProtocol } from './media-protocol.js';
import { menuTemplate } from './menu.js';
import { createSafeStorageCipher } from './safe-storage-cipher.js';
import { denyAllPermissions, hardenWebContents } from './security.js';
import { secureWebPreferences } from './web-preferences.js';
import { DEFAULT_WINDOW_STATE, fitToDisplays, loadWindowState, saveWindowState } from './window-state.js';

const DOCS_URL = 'https://github.com/';

function openExternalSafely(raw: string): void {
  try {
    void shell.openExternal(validateExternalUrl(raw));
  } catch {
    // Not an http(s) link: dropped on purpose.
  }
}

protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const args = parseHostArgs(process.argv.slice(app.isPackaged ? 1 : 2).filter((a) => !a.startsWith('--inspect') && a !== '.'));
  app.setPath('userData', args.dataDir);
  let mainWindow: BrowserWindow | undefined;
  let running: RunningApp | undefined;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternalSafely));

  void app.whenReady().then(async () => {
    denyAllPermissions(session.defaultSession);
    registerAppProtocol(protocol, path.join(__dirname, '..', 'renderer'));
    running = await bootApp({
      dataDir: args.dataDir,
      version: app.getVersion(),
      cipher: (settings) => createSafeStorageCipher(safeStorage, process.platform, settings.persistSecretsWithoutKeyring),
      host: {
        host: 'electron',
        openExternal: async (url) => shell.openExternal(url),
        mediaUrl: mediaUrlFor,
        pickFolder: async (title) => {
          const options = { title, properties: ['openDirectory' as const, 'createDirectory' as const] };
          const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
          const [folder] = result.filePaths;
          return result.canceled || !folder ? null : { path: folder, picked: true };
        },
      },
    });
    registerMediaProtocol(protocol, running.media);
    registerContractIpc(ipcMain, running.dispatch, () => mainWindow?.webContents);
    registerFileGrantIpc(ipcMain, running.staging, () => mainWindow?.webContents);
    running.services.events.subscribe((event, payload) => mainWindow?.webContents.send(IPC_EVENT, { event, payload }));
    // Progress on the taskbar / dock icon, and a notification when a batch ends.
    running.services.transfers.onChange((_changed, summary) => mainWindow?.setProgressBar(summary.progress ?? -1));
    running.services.transfers.onBatchEnd((finished) => {
      const summary = batchSummary(finished);
      if (summary && Notification.isSupported()) new Notification(summary).show();
    });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(process.platform, app.name, {
          openLogFolder: () => void shell.openPath(path.join(args.dataDir, 'logs')),
          openDocs: () => openExternalSafely(DOCS_URL),
        }),
      ),
    );
    mainWindow = await createWindow(args.dataDir);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => void running?.close());

  async function createWindow(dataDir: string): Promise<BrowserWindow> {
    const saved = await loadWindowState(dataDir);
    const state = saved ? fitToDisplays(saved, screen.getAllDisplays().map((d) => d.workArea)) : DEFAULT_WINDOW_STATE;
    const window = new BrowserWindow({
      ...(saved ? state.bounds : { width: state.bounds.width, height: state.bounds.height }),
      minWidth: 720,
      minHeight: 480,
      show: false,
      title: 'Media Desk',
      backgroundColor: '#1b1d22',
      webPreferences: secureWebPreferences(path.join(__dirname, '..', 'preload', 'index.cjs')),
    });
    if (state.maximized) window.maximize();
    window.once('ready-to-show', () => window.show());
    const remember = () => void saveWindowState(dataDir, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    window.on('close', remember);
    await window.loadURL(`${APP_ORIGIN}/index.html`);
    return window;
  }
}
