// What the desktop app's native menu asks the UI to do, and the app's identity the OSes know it by.

/** The menu's own commands: each navigates the UI, or starts an update check. */
export const APP_COMMANDS = ['settings', 'add-account', 'transfers', 'activity', 'check-for-updates'] as const;
export type AppCommand = (typeof APP_COMMANDS)[number];

/**
 * electron-builder.yml's `appId`: Windows needs it as the AppUserModelId for notifications and taskbar grouping.
 * test/packaging/config.test.ts checks the two stay equal.
 */
export const APP_ID = 'app.mediadesk.desktop';
