// The foundation as a user meets it: accounts of each kind added through the UI, kept across a restart with no
// secret in plain text, every screen accessible, and the host closed to anyone without the token.
import { promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ARTIFACTS, makeDataDir, readAllFiles, startHost, type RunningHost } from './host';

const SECRETS = {
  generic: 'Gen-Pa55word-7f3a',
  library: 'Lib-Pa55word-c91e',
  twilio: '0123456789abcdef0123456789abcdef',
};
const ACCOUNT_SID = `AC${'1a2b3c4d'.repeat(4)}`;

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: ${v.id} (${v.nodes.length}) ${v.help}`)).toEqual([]);
}

async function addAccount(page: Page, kindButton: string, fill: Array<[string, string]>, secret: [string, string]) {
  await page.getByRole('button', { name: '+ Add account', exact: true }).click();
  await page.getByRole('button', { name: kindButton }).click();
  for (const [label, value] of fill) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel(secret[0], { exact: true }).fill(secret[1]);
  await page.getByRole('button', { name: 'Add account', exact: true }).click();
}

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

test('accounts of each kind are added through the UI, survive a restart, and no secret is stored in plain text', async ({ page }) => {
  const dataDir = await makeDataDir();
  host = await startHost(dataDir);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await screenshot(page, 'home');

  await addAccount(
    page,
    'Choose media upload',
    [
      ['Account name', 'Provider upload'],
      ['Upload URL (genericMediaUploadUrl)', 'https://upload.example.com/media?user=%account[username]%'],
      ['Multipart data (genericMediaUploadMultipartData)', 'to=%sms_to%&media=%media_content%'],
      ['User name', 'alice'],
    ],
    ['Password', SECRETS.generic],
  );
  await expect(page.getByRole('heading', { name: /Provider upload/ })).toBeVisible();
  await screenshot(page, 'account-generic');

  await addAccount(
    page,
    'Choose media library',
    [
      ['Account name', 'Company library'],
      ['Server URL', 'https://media.example.com'],
      ['Domain', 'example.com'],
      ['User id', 'admin'],
      ['Application id', 'desk'],
    ],
    ['Password', SECRETS.library],
  );
  await expect(page.getByRole('heading', { name: /Company library/ })).toBeVisible();

  await addAccount(page, 'Choose Twilio', [['Account name', 'Twilio prod'], ['Account SID', ACCOUNT_SID]], ['Auth Token', SECRETS.twilio]);
  await expect(page.getByRole('heading', { name: /Twilio prod/ })).toBeVisible();
  await screenshot(page, 'account-twilio');

  await host.stop();
  host = await startHost(dataDir);
  await page.goto(host.url);
  const nav = page.getByRole('navigation', { name: 'Accounts and tools' });
  for (const label of ['Provider upload', 'Company library', 'Twilio prod']) await expect(nav.getByRole('button', { name: label })).toBeVisible();
  await nav.getByRole('button', { name: 'Company library' }).click();
  await page.getByText('Connection', { exact: true }).click();
  const password = page.locator('.details-row').filter({ hasText: 'Password' });
  await expect(password.getByText('saved', { exact: true })).toBeVisible();

  for (const { file, text } of await readAllFiles(dataDir)) {
    for (const secret of Object.values(SECRETS)) {
      expect(text.includes(secret), `${file} must not contain a secret in plain text`).toBe(false);
      expect(text.includes(Buffer.from(secret).toString('base64')), `${file} must not contain a secret in Base64`).toBe(false);
    }
  }
});

test('the account form says what is wrong with a field where it is entered', async ({ page }) => {
  host = await startHost(await makeDataDir());
  await page.goto(host.url);
  await page.getByRole('button', { name: '+ Add account', exact: true }).click();
  await page.getByRole('button', { name: 'Choose Twilio' }).click();
  await page.getByLabel('Account SID', { exact: true }).fill('AC123');
  await expect(page.getByText('The Account SID starts with AC followed by 32 hexadecimal characters.')).toBeVisible();
  await page.getByRole('button', { name: 'Add account', exact: true }).click();
  await expect(page.getByText('Some fields need attention')).toBeVisible();
  await screenshot(page, 'editor-twilio-errors');
  await expectAccessible(page, 'editor with errors');
});

test('every screen passes an accessibility scan, in light and dark, wide and narrow', async ({ page }) => {
  test.setTimeout(180_000); // 17 scans and screenshots: more than a minute on a busy machine
  // Folders the desktop app remembered in this data folder: Settings lists them (the browser host remembers none).
  const dataDir = await makeDataDir();
  const folders = { library: '/home/admin/Documents/Library exports/2026 summer campaign', twilio: '/home/admin/Downloads/twilio' };
  await fs.writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ downloadFolders: folders }));
  host = await startHost(dataDir);
  await page.goto(host.url);
  const nav = page.getByRole('navigation', { name: 'Accounts and tools' });
  const screens: Array<[string, () => Promise<void>]> = [
    ['home', async () => undefined],
    ['new-account', async () => nav.getByRole('button', { name: '+ Add account', exact: true }).click()],
    ['editor-library', async () => page.getByRole('button', { name: 'Choose media library' }).click()],
    ['editor-generic', async () => {
      await nav.getByRole('button', { name: '+ Add account', exact: true }).click();
      await page.getByRole('button', { name: 'Choose media upload' }).click();
    }],
    ['transfers', async () => nav.getByRole('button', { name: 'Transfers' }).click()],
    ['activity', async () => nav.getByRole('button', { name: 'Activity' }).click()],
    ['settings', async () => nav.getByRole('button', { name: 'Settings' }).click()],
  ];
  for (const [name, open] of screens) {
    await open();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expectAccessible(page, `${name} (${scheme})`);
      await screenshot(page, `${name}-${scheme}`);
    }
  }
  // Settings is open: Forget, from the keyboard, drops one folder, says so, and leaves the focus on the next Forget.
  const remembered = page.getByRole('group', { name: 'Download folders' });
  await expect(remembered.getByText(folders.twilio)).toBeVisible();
  await remembered.getByRole('button', { name: 'Forget the folder for Media library downloads' }).focus();
  await page.keyboard.press('Enter');
  await expect(remembered.getByRole('status')).toHaveText('Forgotten: Media library downloads open the folder dialog in Downloads again. No file was changed.');
  await expect(remembered.getByText(folders.library)).toHaveCount(0);
  await expect(remembered.getByRole('button', { name: 'Forget the folder for Twilio media downloads' })).toBeFocused();
  await page.emulateMedia({ colorScheme: 'light' });
  // Narrow: the accounts and tools are behind the Menu button, and open over the content.
  await page.setViewportSize({ width: 700, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  const menu = nav.getByRole('button', { name: 'Menu' });
  await expect(nav.getByRole('button', { name: 'Settings' })).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expectAccessible(page, 'menu (narrow)');
  await screenshot(page, 'menu-narrow');
  await nav.getByRole('button', { name: 'Activity' }).click();
  await expect(nav.getByRole('button', { name: 'Settings' })).toBeHidden();
  await screenshot(page, 'activity-narrow');
  await page.setViewportSize({ width: 600, height: 800 });
  await menu.click();
  await nav.getByRole('button', { name: 'Settings' }).click();
  await expectAccessible(page, 'settings (narrow)');
  await screenshot(page, 'settings-narrow');
});

function rawRequest(port: number, pathname: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{"method":"accounts.list","args":{}}');
  });
}

test('the browser host answers 401 without the token and 403 to a foreign Origin', async ({ page, browser }) => {
  host = await startHost(await makeDataDir());
  const port = Number(new URL(host.url).port);
  const hostHeader = `127.0.0.1:${port}`;
  expect(await rawRequest(port, '/api/invoke', { host: hostHeader, 'content-type': 'application/json' })).toBe(401);

  // Log in as the page does: the token leaves the address bar, and the page still works after a reload.
  await page.goto(host.url);
  expect(page.url()).toBe(`${host.origin}/`);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const [cookie] = await page.context().cookies();
  expect(cookie?.name).toBe(`md_session_${port}`);
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Strict');
  expect(host.url).not.toContain(cookie?.value ?? '');

  // The printed address was good for one sign-in: another browser profile opening it gets 401.
  const stranger = await browser.newContext();
  try {
    const response = await (await stranger.newPage()).goto(host.url);
    expect(response?.status()).toBe(401);
  } finally {
    await stranger.close();
  }

  // Then try the same call from another site with the session cookie.
  const withCookie = { host: hostHeader, cookie: `${cookie?.name}=${cookie?.value}`, 'content-type': 'application/json' };
  expect(await rawRequest(port, '/api/invoke', { ...withCookie, origin: host.origin })).toBe(200);
  expect(await rawRequest(port, '/api/invoke', { ...withCookie, origin: 'https://attacker.example' })).toBe(403);
  expect(await rawRequest(port, '/api/invoke', { ...withCookie, host: `rebound.example:${port}` })).toBe(403);
});

test('the page shows its icon, and loading it asks the host for nothing that is not there', async ({ page }) => {
  host = await startHost(await makeDataDir());
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) missing.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('link[rel="icon"]')).toHaveCount(1);
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(icon).toBeTruthy();
  const answer = await page.request.get(new URL(icon ?? '', page.url()).href);
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toBe('image/png');
  // Chromium asks for /favicon.ico only when the page names no icon; give it the time it would take.
  await page.waitForTimeout(500);
  expect(missing).toEqual([]);
});

test('moving an account to another server says, before saving, that the saved password goes; saving removes it', async ({ page }) => {
  host = await startHost(await makeDataDir());
  await page.goto(host.url);
  await addAccount(
    page,
    'Choose media library',
    [
      ['Account name', 'Moving library'],
      ['Server URL', 'https://media.example.com'],
      ['Domain', 'example.com'],
      ['User id', 'admin'],
      ['Application id', 'desk'],
    ],
    ['Password', 'moving-secret-1234'],
  );
  await expect(page.getByRole('heading', { name: /Moving library/ })).toBeVisible();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const warning = page.getByRole('status').filter({ hasText: 'the saved one will be removed' });
  await page.getByLabel('Account name', { exact: true }).fill('Renamed library');
  await expect(warning).toHaveCount(0);
  await page.getByLabel('Server URL', { exact: true }).fill('https://elsewhere.example.com');
  await expect(warning).toBeVisible();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Connection', { exact: true }).click();
  const password = page.locator('.details-row').filter({ hasText: 'Password' });
  await expect(password.getByText('not set', { exact: true })).toBeVisible();
});
