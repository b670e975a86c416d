// A restart as a user of the browser host meets it: the host comes back on another port (so another origin, with
// nothing of the page's own storage), and the app still knows the Welcome page was seen and reopens the account and
// the library folder left open: main keeps them in the data folder's settings.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeDataDir, startHost, type RunningHost } from './host';

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

test('a restart on the same data folder skips the Welcome page and reopens the library folder left open', async ({ page }) => {
  const dataDir = await makeDataDir();
  host = await startHost(dataDir);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Media Desk' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Accounts and tools' }).getByRole('button', { name: /Sandbox media library/ }).click();
  await page.getByRole('grid').locator('[role="row"][data-name="photos"]').dblclick();
  await expect(page.getByRole('grid', { name: 'Files in folder photos' })).toBeVisible();
  const firstOrigin = host.origin;
  // The place is written as the user moves: wait until main has it on disk before the host is stopped.
  await expect.poll(async () => JSON.stringify(JSON.parse(await fs.readFile(path.join(dataDir, 'settings.json'), 'utf8').catch(() => '{}')))).toMatch(/"folder":"photos"/);
  await host.stop();

  host = await startHost(dataDir);
  expect(host.origin).not.toBe(firstOrigin);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: /Sandbox media library/ })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Files in folder photos' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Welcome to Media Desk' })).toHaveCount(0);
});
