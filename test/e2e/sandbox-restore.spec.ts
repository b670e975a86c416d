// Settings → Sandbox → "Add the sandbox accounts again", as an admin who removed them meets it: from the keyboard,
// the removed ones come back marked sandbox while their own account of the same name stays; the sandbox switched
// off is said in words. Screens (1280 and 700 px, light and dark, English and Japanese) in test-results/screens/.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ARTIFACTS, makeDataDir, startHost, type RunningHost } from './host';
import { expectAccessible, invoke } from './support/twilio-page';

interface Account { id: string; kind: string; label: string; sandbox?: boolean }

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

/** The sandbox section, at each width and scheme: the page scrolled to it, for the eye. */
async function screens(page: Page, name: string, section: ReturnType<Page['getByRole']>): Promise<void> {
  for (const width of [1280, 700]) {
    await page.setViewportSize({ width, height: 800 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await section.scrollIntoViewIfNeeded();
      await expectAccessible(page, `${name} ${width} ${scheme}`);
      await page.screenshot({ path: path.join(ARTIFACTS, `sandbox-restore-${name}-${width}-${scheme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Removes the sandbox's library and Twilio accounts and adds the user's own Twilio account named like the sandbox's. */
async function removeTwoAndAddLookalike(page: Page): Promise<Account> {
  const accounts = await invoke<Account[]>(page.request, host, 'accounts.list', {});
  for (const account of accounts.filter((a) => a.kind !== 'generic')) await invoke(page.request, host, 'accounts.remove', { accountId: account.id });
  return invoke<Account>(page.request, host, 'accounts.create', {
    config: { kind: 'twilio', label: 'Sandbox Twilio', baseUrl: 'https://api.twilio.com', accountSid: `AC${'2'.repeat(32)}`, authMode: 'authToken' },
    secret: 'my-own-token-0123456789',
  });
}

async function openSettings(page: Page, name: RegExp): Promise<void> {
  // What the host's API did while the page loaded can still be missed without a load (see host-gone.spec).
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name }).click();
}

test('the removed sandbox accounts come back from the keyboard; an account of the user’s named like one stays', async ({ page }) => {
  host = await startHost(await makeDataDir());
  await page.goto(host.url);
  const own = await removeTwoAndAddLookalike(page);
  await openSettings(page, /^Settings$/);
  const section = page.getByRole('group', { name: 'Sandbox' });
  const restore = section.getByRole('button', { name: 'Add the sandbox accounts again' });
  await screens(page, 'en-before', section);
  await restore.focus();
  await page.keyboard.press('Enter');
  await expect(section.getByRole('status')).toHaveText('Added again: Sandbox media library and Sandbox Twilio 2. They are in the sidebar, marked sandbox.');
  await expect(restore).toBeFocused();
  await expect(restore).toHaveAttribute('aria-disabled', 'false');
  const accounts = await invoke<Account[]>(page.request, host, 'accounts.list', {});
  expect(accounts.map((a) => [a.kind, a.label, a.sandbox === true])).toEqual([
    ['generic', 'Sandbox upload', true],
    ['twilio', 'Sandbox Twilio', false],
    ['library', 'Sandbox media library', true],
    // The user's account keeps the name; the sandbox's takes the first free one (one name, one account for --account).
    ['twilio', 'Sandbox Twilio 2', true],
  ]);
  expect(accounts.find((a) => a.id === own.id)).toMatchObject({ label: 'Sandbox Twilio', baseUrl: 'https://api.twilio.com' });
  await expect(page.getByRole('navigation').getByRole('button', { name: /Sandbox media library/ })).toBeVisible();
  await screens(page, 'en-after', section);
});

test('the sandbox switched off: the button says in words how to start it', async ({ page }) => {
  const dataDir = await makeDataDir();
  host = await startHost(dataDir);
  await page.goto(host.url);
  await invoke(page.request, host, 'settings.update', { sandboxEnabled: false });
  await host.stop();
  host = await startHost(dataDir);
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('button', { name: /^Settings$/ }).click();
  const section = page.getByRole('group', { name: 'Sandbox' });
  await section.getByRole('button', { name: 'Add the sandbox accounts again' }).click();
  await expect(section.getByRole('alert')).toHaveText('The built-in sandbox is not running, so its accounts cannot be added. Turn on “Run the built-in sandbox server” in Settings, then restart Media Desk.');
  await screens(page, 'en-off', section);
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });
  test('the same, in Japanese', async ({ page }) => {
    host = await startHost(await makeDataDir());
    await page.goto(host.url);
    await removeTwoAndAddLookalike(page);
    await openSettings(page, /^設定$/);
    const section = page.getByRole('group', { name: 'サンドボックス' });
    const restore = section.getByRole('button', { name: 'サンドボックスのアカウントを再追加' });
    await screens(page, 'ja-before', section);
    await restore.focus();
    await page.keyboard.press('Enter');
    await expect(section.getByRole('status')).toHaveText(/^追加し直しました：Sandbox media library、Sandbox Twilio 2。/);
    await screens(page, 'ja-after', section);
  });
});
