// The app's main flows in Japanese, as a Japanese admin meets them: the browser says ja-JP, so the window follows
// it; Settings switches to English and back without a reload; an account is added through the Japanese form; the
// Transfers and Activity views speak Japanese. Every screen visited is saved as test-results/screens/ja-*.png, wide
// and narrow, light and dark, and passes the accessibility scan. The library, Twilio, the upload view and the address
// book follow, each checked for English left on screen (support/untranslated.ts).
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { english, type Namespace } from '../../main/common/i18n/catalogue';
import { ja as japanese } from '../../main/common/i18n/locales/ja/index';
import { ARTIFACTS, makeDataDir, startHost, type RunningHost } from './host';
import { dataPatterns, sandboxData } from './support/sandbox-data';
import { tableCuts } from './support/table-fit';
import { untranslatedText } from './support/untranslated';

test.use({ locale: 'ja-JP' });

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: ${v.id} (${v.nodes.length}) ${v.help}`)).toEqual([]);
}

/** The screen as it is now, in light and in dark: ja-<name>-light.png, ja-<name>-dark.png. */
async function screens(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectAccessible(page, `${name} (${scheme})`);
    await page.screenshot({ path: path.join(ARTIFACTS, `ja-${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

test('the main flows in Japanese, with a switch to English and back that needs no reload', async ({ page }) => {
  test.setTimeout(600_000); // two dozen scans and screenshots on a shared machine
  host = await startHost(await makeDataDir());
  await page.goto(host.url);
  const nav = page.getByRole('navigation', { name: 'アカウントとツール' });
  const heading = page.getByRole('heading', { level: 1 });

  // The first start follows the browser's language.
  await expect(heading).toHaveText('Media Desk へようこそ');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await screens(page, 'home');

  // Settings: to English and back, on the page that is open (no reload: a mark left on the window survives).
  await nav.getByRole('button', { name: '設定', exact: true }).click();
  await expect(heading).toHaveText('設定');
  await screens(page, 'settings');
  await page.evaluate(() => Object.assign(window, { notReloaded: true }));
  await page.getByLabel('言語', { exact: true }).selectOption('en');
  await expect(heading).toHaveText('Settings');
  await expect(page.getByRole('navigation', { name: 'Accounts and tools' }).getByRole('button', { name: 'Activity' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByLabel('Language', { exact: true }).selectOption('system');
  await expect(heading).toHaveText('設定');
  await expect(nav.getByRole('button', { name: 'アクティビティ' })).toBeVisible();
  expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);

  // An account added through the Japanese form, after a look at each kind's form.
  await nav.getByRole('button', { name: '+ アカウントを追加', exact: true }).click();
  await expect(heading).toHaveText('アカウントを追加');
  await screens(page, 'new-account');
  await page.getByRole('button', { name: 'Twilio を選択' }).click();
  await expect(heading).toHaveText('新しい Twilio アカウント');
  await page.getByRole('button', { name: 'アカウントを追加', exact: true }).click();
  await expect(page.getByText('アカウントを保存する前に、確認が必要な項目があります。')).toBeVisible();
  await screens(page, 'editor-twilio');
  await nav.getByRole('button', { name: '+ アカウントを追加', exact: true }).click();
  await page.getByRole('button', { name: 'メディアライブラリを選択' }).click();
  await expect(heading).toHaveText('新しいメディアライブラリのアカウント');
  await screens(page, 'editor-library');
  await nav.getByRole('button', { name: '+ アカウントを追加', exact: true }).click();
  await page.getByRole('button', { name: 'メディアアップロードを選択' }).click();
  await expect(heading).toHaveText('新しいメディアアップロードのアカウント');
  await screens(page, 'editor-generic');
  await page.getByLabel('アカウント名', { exact: true }).fill('アップロード先');
  await page.getByLabel('アップロード URL（genericMediaUploadUrl）', { exact: true }).fill('https://upload.example.com/media?user=%account[username]%');
  await page.getByLabel('マルチパートデータ（genericMediaUploadMultipartData）', { exact: true }).fill('to=%sms_to%&media=%media_content%');
  await page.getByLabel('ユーザー名', { exact: true }).fill('alice');
  await page.getByLabel('パスワード', { exact: true }).fill('Gen-Pa55word-7f3a');
  await page.getByRole('button', { name: 'アカウントを追加', exact: true }).click();
  await expect(heading).toContainText('アップロード先');
  await page.getByText('接続', { exact: true }).click();
  await expect(page.getByText('保存済み', { exact: true })).toBeVisible();
  await screens(page, 'account');

  await nav.getByRole('button', { name: '転送' }).click();
  await expect(heading).toHaveText('転送');
  await expect(page.getByText(/転送はまだありません。/)).toBeVisible();
  await screens(page, 'transfers');

  await nav.getByRole('button', { name: 'アクティビティ' }).click();
  await expect(heading).toHaveText('アクティビティ');
  await expect(page.getByRole('button', { name: 'サポート用にログを書き出す' })).toBeVisible();
  await screens(page, 'activity');

  // Narrow: the menu, and the screens with the most words.
  await page.setViewportSize({ width: 700, height: 800 });
  const menu = nav.getByRole('button', { name: 'メニュー' });
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await screens(page, 'menu-narrow');
  await nav.getByRole('button', { name: '設定', exact: true }).click();
  await expect(heading).toHaveText('設定');
  await screens(page, 'settings-narrow');
  await menu.click();
  await nav.getByRole('button', { name: '+ アカウントを追加', exact: true }).click();
  await page.getByRole('button', { name: 'メディアアップロードを選択' }).click();
  await screens(page, 'editor-generic-narrow');
  await page.getByRole('link', { name: 'Media Desk' }).or(page.getByRole('button', { name: /Media Desk/ })).first().click();
  await expect(heading).toHaveText('Media Desk へようこそ');
  await screens(page, 'home-narrow');
});

/** The Japanese of an English line of the catalogue: the other specs' English selectors, said in Japanese. */
function ja(ns: Namespace, englishText: string): string {
  const key = Object.entries(english[ns]).find(([, text]) => text === englishText)?.[0];
  const said = key === undefined ? undefined : japanese[ns][key];
  if (said === undefined) throw new Error(`No Japanese for ${ns}: "${englishText}"`);
  return said;
}

/**
 * The screen is Japanese: nothing but the sandbox's data (read from the running sandbox: support/sandbox-data.ts),
 * names and numbers is left in Latin words. A lower-case word is data only when the sandbox holds it.
 */
async function expectJapanese(page: Page, screen: string, data: RegExp[]): Promise<void> {
  const left = await untranslatedText(page, { data });
  expect(left, `English left on ${screen}`).toEqual([]);
}

test('the library, Twilio, the upload view and the address book in Japanese', async ({ page }) => {
  test.setTimeout(600_000);
  host = await startHost(await makeDataDir());
  await page.goto(host.url);
  const nav = page.getByRole('navigation', { name: ja('shell', 'Accounts and tools') });
  const heading = page.getByRole('heading', { level: 1 });

  // The media library: the domain's folders, a folder's files, a file's details, its access list.
  await nav.getByRole('button', { name: /Sandbox media library/ }).click();
  const grid = page.getByRole('grid');
  await expect(grid.locator('[role="row"][data-name]').first()).toBeVisible();
  // The host's sandbox is up once the library answers: what it holds is the data the screens may show.
  const data = dataPatterns(await sandboxData(host.dataDir));
  await expectJapanese(page, 'library', data);
  await screens(page, 'library');
  await grid.locator('[role="row"][data-name]').first().dblclick();
  const firstFile = grid.locator('[role="row"][data-name]').first();
  await expect(firstFile).toBeVisible();
  await firstFile.click();
  await expectJapanese(page, 'library folder', data);
  // The voicemail's kind (ボイスメール（MP3）), the longest, and every header fit at 1280 px, with no sideways scroll.
  await expect(grid.locator('[role="row"][data-name$=".mp3"]')).toBeVisible();
  expect(await page.evaluate(tableCuts)).toEqual([]);
  await screens(page, 'library-folder');
  await page.getByRole('button', { name: ja('library', 'File permissions…') }).click();
  const editor = page.getByRole('dialog');
  await expect(editor).toBeVisible();
  await expectJapanese(page, 'access list', data);
  await screens(page, 'library-acl');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();

  // Twilio: the messages, a message's media, a preview.
  await nav.getByRole('button', { name: /Sandbox Twilio/ }).click();
  await expect(heading).toContainText('Sandbox Twilio');
  const messages = page.getByRole('listbox', { name: ja('twilio', 'Messages, newest first') });
  await messages.getByRole('option').first().click();
  const media = page.getByRole('listbox', { name: ja('twilio', 'Media of the message') });
  await expect(media.getByRole('option').first()).toBeVisible();
  await expectJapanese(page, 'Twilio', data);
  await screens(page, 'twilio');

  // A job in the queue, the clean-up's count: Transfers says its title and detail (main's phrases) in Japanese.
  await page.getByRole('button', { name: ja('twilio', 'Clean up old media…') }).click();
  await page.getByLabel(ja('twilio', 'First day')).fill('2025-05-10');
  await page.getByLabel(ja('twilio', 'Last day')).fill('2025-05-12');
  await page.getByRole('button', { name: ja('twilio', 'Count'), exact: true }).click();
  await expect(page.getByRole('list', { name: ja('twilio', 'Media the clean-up would delete') }).getByRole('listitem').first()).toBeVisible();
  await nav.getByRole('button', { name: ja('shell', 'Transfers') }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'クリーンアップするメディアの件数を確認（2025-05-10〜2025-05-12）' })).toBeVisible();
  await expectJapanese(page, 'Transfers with a job', data);
  await screens(page, 'transfers-job');

  // The upload view of the sandbox's media upload account, and the address book.
  await nav.getByRole('button', { name: /Sandbox upload/ }).click();
  await expect(heading).toContainText('Sandbox upload');
  await expectJapanese(page, 'upload', data);
  await screens(page, 'upload');
  await nav.getByRole('button', { name: ja('shell', 'Address book') }).click();
  await expect(heading).toHaveText(ja('addressBook', 'Address book'));
  await expectJapanese(page, 'address book', data);
  await screens(page, 'address-book');

  // Narrow, the widest tables and the upload form.
  await page.setViewportSize({ width: 700, height: 800 });
  await nav.getByRole('button', { name: ja('shell', 'Menu') }).click();
  await nav.getByRole('button', { name: /Sandbox media library/ }).click();
  await expect(grid.locator('[role="row"][data-name]').first()).toBeVisible();
  expect(await page.evaluate(tableCuts)).toEqual([]);
  await screens(page, 'library-narrow');
  await nav.getByRole('button', { name: ja('shell', 'Menu') }).click();
  await nav.getByRole('button', { name: /Sandbox Twilio/ }).click();
  await expect(page.getByRole('listbox', { name: ja('twilio', 'Messages, newest first') })).toBeVisible();
  await screens(page, 'twilio-narrow');
  await nav.getByRole('button', { name: ja('shell', 'Menu') }).click();
  await nav.getByRole('button', { name: /Sandbox upload/ }).click();
  await expect(heading).toContainText('Sandbox upload');
  await screens(page, 'upload-narrow');
});
