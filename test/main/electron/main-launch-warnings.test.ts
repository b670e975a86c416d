// The desktop app's launch warnings (`electron` mocked): on the terminal in the language of the browser host's lines,
// the saved one here although the locale says English, with the options as typed; in the activity log in English.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { electron } from './support/electron-mock';
import { firstWindowLoaded, launchHost, quitHost, removeFolder, tempFolder } from './support/host';

vi.mock('electron', async () => (await import('./support/electron-mock')).electronModule);
vi.mock('electron-updater', async () => (await import('./support/electron-mock')).electronUpdaterModule);

const LOCALE_VARIABLES = ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE'] as const;
const locale = Object.fromEntries(LOCALE_VARIABLES.map((name) => [name, process.env[name]]));
let dataDir: string;
const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

beforeAll(async () => {
  for (const name of LOCALE_VARIABLES) delete process.env[name];
  process.env.LANG = 'en_US.UTF-8';
  electron.locale = 'en-US';
  dataDir = await tempFolder('warnings');
  await fs.writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ language: 'ja' }));
  // Options whose names look like a template, a nested key and an i18next option: said as typed, never read.
  await launchHost(['--data-dir', dataDir, '--port=8080', '--{{option}}', '--$t(desktop:menu.file)', '--lng=en', '-{{warning}}']);
  await firstWindowLoaded();
});
afterAll(async () => {
  await quitHost();
  await removeFolder(dataDir);
  for (const name of LOCALE_VARIABLES) {
    const value = locale[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  warn.mockRestore();
});

describe("the desktop app's launch warnings", () => {
  it('are printed in the saved language, the options as typed', async () => {
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(5));
    expect(warn.mock.calls).toEqual([
      ['Media Desk：--port はブラウザーホストのオプションです。デスクトップアプリでは使用しません。'],
      ['Media Desk：--{{option}} はアプリのオプションではありません。Electron と Chromium に渡し、アプリでは使用しません。'],
      ['Media Desk：--$t(desktop:menu.file) はアプリのオプションではありません。Electron と Chromium に渡し、アプリでは使用しません。'],
      ['Media Desk：--lng はアプリのオプションではありません。Electron と Chromium に渡し、アプリでは使用しません。'],
      ['Media Desk：-{{warning}} というオプションはありません。無視します。'],
    ]);
  });

  it('are kept in English in the activity log', async () => {
    const handler = electron.handlers.get('media-desk:invoke') as (e: unknown, m: unknown, a: unknown) => Promise<{ value: Array<{ message: string }> }>;
    const log = await handler({ senderFrame: electron.windows[0]?.webContents.mainFrame }, 'log.list', {});
    const messages = log.value.map((e) => e.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        '--port is an option of the browser host; the desktop app ignores it.',
        'Unknown option --{{option}}: left to Electron and Chromium, unused by the app.',
        'Unknown option --$t(desktop:menu.file): left to Electron and Chromium, unused by the app.',
        'Unknown option -{{warning}}: ignored.',
      ]),
    );
    expect(messages.some((m) => /[\u3040-\u30ff]/.test(m))).toBe(false);
  });
});
