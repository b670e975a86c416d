// The Electron host: the only code that imports `electron`. It wires the shared services to a hardened window.
import path from 'node:path';
import { BrowserWindow, Menu, Notification, app, dialog, ipcMain, protocol, safeStorage, screen, session, shell } from 'electron';
import { autoUpdater } from 'electron-updater';
import { APP_ID } from '../common/app-commands.js';
import { APP_ORIGIN } from '../common/channels.js';
import type { AppCommand } from '../common/contract.js';
import { batchSummary } from '../app/batch-summary.js';
import { desktopLanguage, onLanguageChange, translatorFor } from '../app/desktop-language.js';
import { sayable } from '../common/errors.js';
import type { MessageKey } from '../common/i18n/catalogue.js';
import { pickLanguage, type Language } from '../common/i18n/languages.js';
import { inEnglish, phrase, sayPhrase, type PhraseValue } from '../common/i18n/phrase.js';
import { bootApp, type RunningApp } from '../app/bootstrap.js';
import { validateExternalUrl } from '../app/handlers/index.js';
import { argsAfterApp, parseLaunchArgs } from '../app/launch-args.js';
import { grantOpenedFiles } from '../app/opened-files.js';
import { defaultDataDir } from '../app/paths.js';
import { hostLanguage } from '../app/terminal-language.js';
import { DataFolderInUseError, dataFolderHolder } from '../core/storage/instance-lock.js';
import { PRIVILEGED_SCHEMES, registerAppProtocol } from './app-protocol.js';
import { registerContractIpc, registerFileGrantIpc } from './ipc.js';
import { MainWindow } from './main-window.js';
import { mediaUrlFor, registerMediaProtocol } from './media-protocol.js';
import { menuTemplate } from './menu.js';
import { createSafeStorageCipher } from './safe-storage-cipher.js';
import { denyAllPermissions, hardenWebContents } from './security.js';
import { createUpdatesPort } from './updates.js';
import { secureWebPreferences } from './web-preferences.js';
import { DEFAULT_WINDOW_STATE, fitToDisplays, loadWindowState, saveWindowState } from './window-state.js';

function openExternalSafely(raw: string): void {
  try {
    void shell.openExternal(validateExternalUrl(raw));
  } catch {
    // Not an http(s) link: dropped on purpose.
  }
}

/** The OS's language: Electron's locale once ready, the process's (ICU's) before. */
function systemLanguages(): string[] {
  return [app.getLocale(), Intl.DateTimeFormat().resolvedOptions().locale];
}

function say(language: Language, key: MessageKey, values?: Record<string, PhraseValue>): string {
  return sayPhrase(translatorFor(language), phrase(key, values));
}

protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);
// Windows shows notifications and groups taskbar buttons by this id: the installer's appId.
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

const launch = parseLaunchArgs(argsAfterApp(process.argv, app.isPackaged), process.cwd());
const dataDir = launch.dataDir ?? defaultDataDir();

// Another host (a browser host, an Electron on the same folder) holds the data folder: say who, touch nothing. Asked
// before anything below writes into the folder (userData, Electron's own single-instance lock) and before `ready`.
const folder = dataFolderHolder(dataDir);
if (folder.held) {
  // Before `ready` and before settings: the system's language.
  const language = pickLanguage(systemLanguages());
  dialog.showErrorBox(say(language, 'desktop:dialog.folderInUse.title'), sayPhrase(translatorFor(language), new DataFolderInUseError(dataDir, folder.holder).phrase));
  app.exit(1);
} else {
  // Chromium's profile lives in the data folder, so Electron's single-instance lock is per data folder too: a second
  // launch on the same folder hands its files to the first (second-instance below) and quits.
  app.setPath('userData', dataDir);
}

if (folder.held || !app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let running: RunningApp | undefined;
  const window = new MainWindow(() => createWindow(dataDir));
  // What main says to a person: Settings' language once they are read, the OS's before.
  const currentLanguage = (): Language =>
    running ? desktopLanguage({ settings: running.services.settings, systemLanguages }) : pickLanguage(systemLanguages());
  /** Files opened before the UI can take them wait here. */
  const waitingFiles: string[] = [...launch.files];
  // On the terminal in the words and language of the browser host's lines; the activity log keeps them in English.
  if (launch.warnings.length > 0) {
    void hostLanguage(dataDir).then((language) => {
      for (const warning of launch.warnings) console.warn(say(language, 'desktop:launch.warning', { warning }));
    });
  }

  const showFiles = async (paths: string[]): Promise<void> => {
    if (paths.length === 0) return;
    if (!running) {
      waitingFiles.push(...paths);
      return;
    }
    const opened = await grantOpenedFiles(running.staging, paths);
    for (const { name, reason } of opened.refused) running.services.log.warn('app', `Not opened: ${name}: ${reason}`);
    if (opened.files.length === 0) return;
    await window.ensure();
    window.focus();
    window.send('files.opened', { files: opened.files });
  };
  const runCommand = async (command: AppCommand): Promise<void> => {
    await window.ensure();
    window.focus();
    window.send('app.command', { command });
  };
  const report = (error: unknown) => running?.services.log.error('app', error instanceof Error ? error.message : String(error));

  // macOS's "Open With" and files dropped on the Dock icon; may arrive before the app is ready.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    showFiles([file]).catch(report);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const again = parseLaunchArgs(argsAfterApp(argv, app.isPackaged), workingDirectory);
    if (again.files.length > 0) {
      showFiles(again.files).catch(report);
    } else if (running) {
      window.ensure().then(() => window.focus(), report);
    }
  });
  // macOS: clicking the Dock icon with no window open brings one back.
  app.on('activate', () => {
    if (running && !window.get()) window.ensure().catch(report);
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternalSafely));

  const updates = createUpdatesPort(autoUpdater, {
    publish: (status) => window.send('updates.status', status),
    log: (level, message) => running?.services.log.add(level, 'updates', message),
  });

  const start = async (): Promise<void> => {
    denyAllPermissions(session.defaultSession);
    registerAppProtocol(protocol, path.join(__dirname, '..', 'renderer'), currentLanguage);
    running = await bootApp({
      dataDir,
      version: app.getVersion(),
      cipher: (settings) => createSafeStorageCipher(safeStorage, process.platform, settings.persistSecretsWithoutKeyring),
      // The OS's proxy (and PAC file) as Chromium applies it, asked for each request's URL.
      resolveProxy: (url) => session.defaultSession.resolveProxy(url),
      host: {
        host: 'electron',
        openExternal: async (url) => shell.openExternal(url),
        mediaUrl: mediaUrlFor,
        pickFolder: async (title, startIn) => {
          const options = { title, defaultPath: startIn, properties: ['openDirectory' as const, 'createDirectory' as const] };
          const mainWindow = window.get();
          const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
          const [folder] = result.filePaths;
          return result.canceled || !folder ? null : { path: folder, picked: true };
        },
        updates,
        systemLanguages,
      },
    });
    const services = running.services;
    for (const warning of launch.warnings) services.log.warn('app', inEnglish(warning));
    registerMediaProtocol(protocol, running.media, currentLanguage, running.mediaFailures);
    registerContractIpc(ipcMain, running.dispatch, () => window.get()?.webContents);
    registerFileGrantIpc(ipcMain, running.staging, () => window.get()?.webContents);
    services.events.subscribe((event, payload) => window.send(event, payload));
    // Progress on the taskbar / dock icon, and a notification when a batch ends.
    services.transfers.onChange((_changed, summary) => window.get()?.setProgressBar(summary.progress ?? -1));
    services.transfers.onBatchEnd((finished) => {
      const summary = batchSummary(finished, translatorFor(currentLanguage()));
      if (summary && Notification.isSupported()) new Notification(summary).show();
    });
    const setMenu = (language: Language): void => {
      const actions = {
        openLogFolder: () => void shell.openPath(path.join(dataDir, 'logs')),
        command: (command: AppCommand) => {
          if (command === 'check-for-updates') void updates.check(); // reports its own failures as a status
          runCommand(command).catch(report);
        },
      };
      Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, app.name, actions, (key) => say(language, key))));
    };
    setMenu(currentLanguage());
    // Settings → Language applies at once: the menu is built again in the new language.
    onLanguageChange({ settings: services.settings, systemLanguages }, setMenu);
    await window.ensure();
    await showFiles(waitingFiles.splice(0));
    // Installed copies look for an update at start; the answer shows in Settings (a failure too, never a dialog).
    if (app.isPackaged) void updates.check();
  };

  // A start-up failure (a damaged or locked data folder, a port in use) must not leave a process without a window.
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // The settings could not be read: the system's language.
      const language = pickLanguage(systemLanguages());
      dialog.showErrorBox(say(language, 'desktop:dialog.startFailed.title'), say(language, 'desktop:dialog.startFailed.body', { reason: sayable(error), folder: dataDir }));
      app.quit();
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => void running?.close());
}

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
