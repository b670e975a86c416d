// The Electron host's language (`electron` mocked): the native menu follows Settings → Language, or the OS's locale
// (app.getLocale()) when it is "system", and is built again when the setting changes; only the words change. The
// media address and app:// say their refusals in the same language.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { electron, type MenuItem } from './support/electron-mock';
import { quitHost, removeFolder, startHost, tempFolder } from './support/host';

vi.mock('electron', async () => (await import('./support/electron-mock')).electronModule);
vi.mock('electron-updater', async () => (await import('./support/electron-mock')).electronUpdaterModule);

let dataDir: string;

beforeAll(async () => {
  electron.locale = 'en-US';
  dataDir = await tempFolder('lang');
  await startHost(dataDir);
});
afterAll(async () => {
  await quitHost();
  await removeFolder(dataDir);
});

async function setLanguage(language: 'system' | 'en' | 'ja'): Promise<void> {
  const handler = electron.handlers.get('media-desk:invoke') as (e: unknown, m: unknown, a: unknown) => Promise<{ ok: boolean }>;
  const answer = await handler({ senderFrame: electron.windows[0]?.webContents.mainFrame }, 'settings.update', { language });
  expect(answer).toMatchObject({ ok: true });
}

/** The menu without its labels: roles, accelerators and the shape, which no language may change. */
function skeleton(items: MenuItem[] | undefined): unknown {
  return (items ?? []).map((item) => ({ role: item.role, accelerator: item.accelerator, type: (item as { type?: string }).type, submenu: item.submenu ? skeleton(item.submenu) : undefined }));
}

function labels(items: MenuItem[] | undefined): string[] {
  return (items ?? []).flatMap((item) => [...(item.label ? [item.label] : []), ...labels(item.submenu)]);
}

describe('the native menu in the language of the settings', () => {
  it('is English with the OS in English and the setting "system"', () => {
    expect(labels(electron.menu)).toEqual(expect.arrayContaining(['File', 'Add Account…', 'Settings', 'View', 'Transfers', 'Activity', 'Check for Updates…', 'Open Log Folder']));
  });

  it('switches to Japanese when the setting says ja, with the same roles, accelerators and commands', async () => {
    const english = skeleton(electron.menu);
    await setLanguage('ja');
    await vi.waitFor(() => expect(labels(electron.menu)).toContain('ファイル'));
    expect(labels(electron.menu)).toEqual(['ファイル', 'アカウントを追加…', '設定', '編集', '表示', '転送', 'アクティビティ', 'ウインドウ', 'ヘルプ', 'アップデートを確認…', 'ログフォルダーを開く']);
    expect(skeleton(electron.menu)).toEqual(english);
    electron.menuItem('転送')?.click?.();
    await vi.waitFor(() => expect(electron.sent(electron.windows[0])).toContainEqual({ event: 'app.command', payload: { command: 'transfers' } }));
  });

  it('follows the OS locale on "system", and goes back to English on en', async () => {
    electron.locale = 'ja-JP';
    await setLanguage('system');
    expect(labels(electron.menu)).toContain('ログフォルダーを開く');
    await setLanguage('en');
    await vi.waitFor(() => expect(labels(electron.menu)).toContain('Open Log Folder'));
    expect(labels(electron.menu).some((label) => /[\u3040-\u30ff]/.test(label))).toBe(false);
  });

  it("answers a preview's address that has no media in the app's language, as it changes", async () => {
    const media = electron.protocolHandlers.get('media-desk-media');
    const expired = async () => (await media?.(new Request(`media-desk-media://media/m_${'a'.repeat(32)}`)))?.text();
    await setLanguage('ja');
    expect(await expired()).toBe('このプレビューは期限切れです。もう一度開いてください。');
    await setLanguage('en');
    expect(await expired()).toBe('This preview has expired; open it again.');
  });

  it("answers an app:// address that has no file in the app's language, as it changes", async () => {
    const app = electron.protocolHandlers.get('app');
    const missing = async () => (await app?.(new Request('app://media-desk/missing.js')))?.text();
    await setLanguage('ja');
    expect(await missing()).toBe('見つかりません。Media Desk のこのアドレスには何もありません。');
    await setLanguage('en');
    expect(await missing()).toBe('Not found: Media Desk has nothing at this address.');
  });
});
