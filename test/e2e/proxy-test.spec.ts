// Settings → Network's "Test proxy" as a user meets it: a manual proxy on loopback that asks for a user name and
// password, the password saved, the sandbox's library account chosen; the result names the proxy, says its 407 was
// answered and how long it took, and never shows the password. Saved as test-results/screens/proxy-test-*.png, at
// 1280x800 and 700 px wide, light and dark, in English and Japanese.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTestProxy, type TestProxy } from '../helpers/test-proxy';
import { ARTIFACTS, makeDataDir, startHost, type RunningHost } from './host';

const PASSWORD = 'pröxy:pa55';
let host: RunningHost;
let proxy: TestProxy;
test.afterEach(async () => {
  await host?.stop();
  await proxy?.close();
});

async function shots(page: Page, lang: string): Promise<void> {
  for (const width of [1280, 700]) {
    await page.setViewportSize({ width, height: 800 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.locator('.network-settings').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, `proxy-test-${lang}-${width}-${scheme}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('Test proxy names the proxy that carried the request and says its 407 was answered', async ({ page }) => {
  test.setTimeout(180_000);
  proxy = await startTestProxy({ credentials: { username: 'ops', password: PASSWORD } });
  host = await startHost(await makeDataDir());
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
  const network = page.locator('.network-settings');
  await network.getByRole('radio', { name: 'Use this HTTP proxy' }).check();
  await network.getByLabel('Proxy host').fill('127.0.0.1');
  await network.getByLabel('Port').fill(String(proxy.port));
  await network.getByLabel('Proxy user name').fill('ops');
  await network.getByRole('button', { name: 'Save proxy settings' }).click();
  await expect(network.getByText('Network settings saved.')).toBeVisible();
  await network.getByLabel('Proxy password').fill(PASSWORD);
  await network.getByRole('button', { name: 'Save password' }).click();
  await expect(network.getByText('Proxy password saved.')).toBeVisible();

  await network.getByLabel('Test with the server of').selectOption({ label: 'Sandbox media library' });
  await network.getByRole('button', { name: 'Test proxy' }).click();
  const result = network.locator('.proxy-test .banner');
  await expect(result).toContainText(`through the proxy 127.0.0.1:${proxy.port} (from Settings).`);
  await expect(result).toContainText('The proxy asked for a user name and password (407) and was sent the ones in Settings.');
  await expect(result).toContainText(/answered \(HTTP \d{3}\) in \d+ ms\./);
  expect(await page.content()).not.toContain(PASSWORD);
  expect(proxy.seen.some((s) => s.credentials === `ops:${PASSWORD}`)).toBe(true);
  await shots(page, 'en');

  await page.getByLabel('Language', { exact: true }).selectOption('ja');
  await network.getByRole('button', { name: 'プロキシをテスト' }).click();
  await expect(network.locator('.proxy-test .banner')).toContainText(`プロキシ 127.0.0.1:${proxy.port}（設定 で指定）を経由して`);
  await shots(page, 'ja');
});

test("with the system's proxy, the proxy the credentials are for is asked for, and a user name without one says so", async ({ page }) => {
  test.setTimeout(120_000);
  host = await startHost(await makeDataDir());
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
  const network = page.locator('.network-settings');
  await network.getByLabel('Proxy user name').fill('ops');
  await network.getByRole('button', { name: 'Save proxy settings' }).click();
  await expect(network.getByText(/No proxy is named for the user name and password/)).toBeVisible();
  await network.getByLabel('Proxy they are for').fill('proxy.corp:3128');
  await network.getByRole('button', { name: 'Save proxy settings' }).click();
  await expect(network.getByText('Enter the proxy the user name and password are for as http://host:port or https://host:port.')).toBeVisible();
  await shots(page, 'en-system');
});
