// The native menu: the usual roles (undo, copy, zoom, full screen, quit) so shortcuts work as on every app, and the
// app's own commands with their usual shortcuts. There is no Documentation item: the project has no public home
// page to open, and the README is not shipped inside the app. The app's own labels come from the catalogue
// (namespace desktop); the roles' labels are Electron's.
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../common/contract.js';
import type { MessageKey } from '../common/i18n/catalogue.js';
import { phrase, sayPhrase } from '../common/i18n/phrase.js';
import { translatorFor } from '../app/desktop-language.js';

export type MenuWords = (key: MessageKey) => string;
const english: MenuWords = (key) => sayPhrase(translatorFor('en'), phrase(key));

export interface MenuActions {
  openLogFolder(): void;
  command(command: AppCommand): void;
}

export function menuTemplate(platform: NodeJS.Platform, appName: string, actions: MenuActions, say: MenuWords = english): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const item = (label: MessageKey, command: AppCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label: say(label),
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.command(command),
  });
  const settings = item(mac ? 'desktop:menu.settingsMac' : 'desktop:menu.settings', 'settings', 'CmdOrCtrl+,');
  const checkForUpdates = item('desktop:menu.checkForUpdates', 'check-for-updates');
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: appName,
      submenu: [{ role: 'about' }, checkForUpdates, { type: 'separator' }, settings, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  template.push(
    {
      label: say('desktop:menu.file'),
      submenu: [item('desktop:menu.addAccount', 'add-account', 'CmdOrCtrl+N'), { type: 'separator' }, ...(mac ? [{ role: 'close' } as const] : [settings, { type: 'separator' } as const, { role: 'quit' } as const])],
    },
    {
      label: say('desktop:menu.edit'),
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: say('desktop:menu.view'),
      submenu: [
        item('desktop:menu.transfers', 'transfers', 'CmdOrCtrl+Shift+T'),
        item('desktop:menu.activity', 'activity', 'CmdOrCtrl+Shift+A'),
        { type: 'separator' },
        { role: 'reload' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: say('desktop:menu.window'), submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] },
    {
      role: 'help',
      label: say('desktop:menu.help'),
      submenu: [...(mac ? [] : [checkForUpdates, { type: 'separator' } as const]), { label: say('desktop:menu.openLogFolder'), click: () => actions.openLogFolder() }],
    },
  );
  return template;
}
