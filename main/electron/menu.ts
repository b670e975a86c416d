// The native menu: the usual roles (undo, copy, zoom, full screen, quit) so shortcuts work as on every app, and the
// app's own commands with their usual shortcuts. There is no Documentation item: the project has no public home
// page to open, and the README is not shipped inside the app.
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../common/contract.js';

export interface MenuActions {
  openLogFolder(): void;
  command(command: AppCommand): void;
}

export function menuTemplate(platform: NodeJS.Platform, appName: string, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const item = (label: string, command: AppCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.command(command),
  });
  const settings = item(mac ? 'Settings…' : 'Settings', 'settings', 'CmdOrCtrl+,');
  const checkForUpdates = item('Check for Updates…', 'check-for-updates');
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: appName,
      submenu: [{ role: 'about' }, checkForUpdates, { type: 'separator' }, settings, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  template.push(
    {
      label: 'File',
      submenu: [item('Add Account…', 'add-account', 'CmdOrCtrl+N'), { type: 'separator' }, ...(mac ? [{ role: 'close' } as const] : [settings, { type: 'separator' } as const, { role: 'quit' } as const])],
    },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: 'View',
      submenu: [
        item('Transfers', 'transfers', 'CmdOrCtrl+Shift+T'),
        item('Activity', 'activity', 'CmdOrCtrl+Shift+A'),
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
    { label: 'Window', submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] },
    {
      role: 'help',
      submenu: [...(mac ? [] : [checkForUpdates, { type: 'separator' } as const]), { label: 'Open Log Folder', click: () => actions.openLogFolder() }],
    },
  );
  return template;
}
