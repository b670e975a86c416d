// What a user who edits a template of a service that carries the password sees: the same warning as for a new
// server (the saved password will be removed; enter it again), and after saving, no saved password. The sandbox's
// media-upload account carries its password in every service.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ARTIFACTS, makeDataDir, startHost, type RunningHost } from './host';

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

test('editing the reference send’s post data of a carrying service asks for the password again', async ({ page }) => {
  host = await startHost(await makeDataDir());
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Accounts and tools' }).getByRole('button', { name: /Sandbox upload/ }).click();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const warning = page.getByRole('status').filter({ hasText: 'the saved one will be removed' });
  const postData = page.getByLabel('Reference send post data', { exact: true });
  await expect(warning).toHaveCount(0);
  await postData.fill(`${await postData.inputValue()}&x=%sha1(md:%account[password]%)%`);
  await expect(warning).toBeVisible();
  for (const [width, scheme] of [[1280, 'light'], [700, 'dark']] as const) {
    await page.setViewportSize({ width, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    await warning.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, `secret-binding-template-${width}-${scheme}.png`) });
  }
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Connection', { exact: true }).click();
  await expect(page.locator('.details-row').filter({ hasText: 'Password' }).getByText('not set', { exact: true })).toBeVisible();
});
