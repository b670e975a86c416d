// The account form with unsaved work, in the browser host, as a new user meets it: a sidebar click asks first (Keep
// editing keeps the text, Discard leaves), the browser's Back moves between the app's views and asks the same
// instead of leaving the app, closing the tab asks too, and a save right after a failed Test says the test failed.
// The question and the warning are saved as screenshots (test-results/screens/leave-form-*), wide and narrow, light
// and dark, in English and in Japanese.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ARTIFACTS, makeDataDir, startHost, type RunningHost } from './host';

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

/** The screen now at 1280x800 and 700 px wide, light and dark: leave-form-<name>-<width>-<scheme>.png. */
async function screens(page: Page, name: string): Promise<void> {
  for (const width of [1280, 700]) {
    await page.setViewportSize({ width, height: 800 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: path.join(ARTIFACTS, `leave-form-${name}-${width}-${scheme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The edit form of the sandbox's library account, reached through the sidebar and the account's Edit. */
async function editLibrary(page: Page, edit: string) {
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('button', { name: /Sandbox media library/ }).click();
  await page.getByRole('button', { name: edit, exact: true }).click();
}

test('leaving the account form with unsaved work asks first: the sidebar, Back, closing the tab', async ({ page }) => {
  test.setTimeout(240_000);
  host = await startHost(await makeDataDir());
  await editLibrary(page, 'Edit');
  const nav = page.getByRole('navigation', { name: 'Accounts and tools' });
  const heading = page.getByRole('heading', { level: 1 });
  const domain = page.getByLabel('Domain', { exact: true });
  await expect(heading).toHaveText('Edit "Sandbox media library"');
  const saved = await domain.inputValue();
  await domain.fill('typed.example');

  // A sidebar click: the question, with the focus on Keep editing, which keeps the text.
  await nav.getByRole('button', { name: 'Transfers' }).click();
  const ask = page.getByRole('dialog', { name: 'Discard your changes to "Sandbox media library"?' });
  await expect(ask).toBeVisible();
  await expect(ask.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await screens(page, 'question');
  await ask.getByRole('button', { name: 'Keep editing' }).click();
  await expect(ask).toBeHidden();
  await expect(domain).toHaveValue('typed.example');
  // The focus goes back to what had it: the sidebar's button.
  await expect(nav.getByRole('button', { name: 'Transfers' })).toBeFocused();

  // Back: the app stays; the same question; Keep editing keeps the text, Discard goes to the view before.
  const address = page.url();
  await page.goBack();
  await expect(ask).toBeVisible();
  expect(page.url()).toBe(address);
  await ask.getByRole('button', { name: 'Keep editing' }).click();
  await expect(heading).toHaveText('Edit "Sandbox media library"');
  await expect(domain).toHaveValue('typed.example');
  await page.goBack();
  await ask.getByRole('button', { name: 'Discard' }).click();
  await expect(heading).toHaveText(/^Sandbox media library/);
  expect(page.url()).toBe(address);
  // Back and Forward between views without unsaved work: no question.
  await page.goForward();
  await expect(heading).toHaveText('Edit "Sandbox media library"');
  await expect(domain).toHaveValue(saved);
  await page.goBack();
  await expect(heading).toHaveText(/^Sandbox media library/);

  // Closing (here: reloading) the tab with unsaved work: the browser's own prompt.
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await domain.fill('typed.example');
  const prompt = page.waitForEvent('dialog', { timeout: 10_000 });
  await page.close({ runBeforeUnload: true });
  const dialog = await prompt;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
});

test('a save right after a failed Test says the test failed, as a warning', async ({ page }) => {
  test.setTimeout(240_000);
  host = await startHost(await makeDataDir());
  await editLibrary(page, 'Edit');
  await page.getByRole('button', { name: 'Change', exact: true }).click();
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Test connection' }).click();
  const failed = page.locator('.banner.bad[role="status"]');
  await expect(failed).toBeVisible({ timeout: 20_000 });
  const reason = (await failed.textContent()) ?? '';
  await page.getByRole('button', { name: 'Save changes' }).click();

  const warning = page.locator('.banner.warn[role="status"]');
  await expect(warning).toHaveText(`Saved. The last test failed: ${reason}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Sandbox media library/);
  await screens(page, 'saved-test-failed');
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('the question and the warning in Japanese', async ({ page }) => {
    test.setTimeout(240_000);
    host = await startHost(await makeDataDir());
    await editLibrary(page, '編集');
    await page.getByLabel('ドメイン', { exact: true }).fill('typed.example');
    await page.getByRole('navigation').getByRole('button', { name: '転送' }).click();
    const ask = page.getByRole('dialog', { name: '「Sandbox media library」への変更を破棄しますか？' });
    await expect(ask).toBeVisible();
    await screens(page, 'ja-question');
    await ask.getByRole('button', { name: '編集を続ける' }).click();

    await page.getByRole('button', { name: '変更', exact: true }).click();
    await page.getByLabel('パスワード', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: '接続をテスト' }).click();
    await expect(page.locator('.banner.bad[role="status"]')).toBeVisible({ timeout: 20_000 });
    await page.getByRole('button', { name: '変更を保存' }).click();
    await expect(page.locator('.banner.warn[role="status"]')).toContainText('保存しました。直前のテストは失敗しています');
    await screens(page, 'ja-saved-test-failed');
  });
});
