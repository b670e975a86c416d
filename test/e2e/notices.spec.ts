// The notice area never sits on a control the user needs while it shows: with a long library download running and
// notices shown (a refusal that stays, news that leaves), the transfer's Cancel button under Transfers takes the click
// (Playwright's click fails when another element would receive it). Then every view is saved with the transfer
// running and notices shown, at 1280x800 and 700 px, light and dark, in English and Japanese
// (test-results/screens/notices-*.png).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dropFiles, dropped } from './support/drop';
import { putFile, readSandboxLibrary } from './support/library-rest';
import { mp4, png } from './support/media';
import { startSlowProxy, type SlowProxy } from './support/slow-proxy';
import { ARTIFACTS, makeDataDir, startHost, type RunningHost } from './host';

let host: RunningHost;
let proxy: SlowProxy | undefined;
test.afterEach(async () => {
  await host?.stop();
  await proxy?.close();
});

const BIG = 'long-video.mp4';

/** A library account reached through the slow proxy, with a large file in "videos" to download through it. */
async function slowLibrary(page: Page, damaged = false): Promise<void> {
  const dataDir = await makeDataDir();
  // A damaged settings file is set aside at start and said in a notice that stays in every view until dismissed.
  if (damaged) await fs.writeFile(path.join(dataDir, 'settings.json'), '{ not json');
  host = await startHost(dataDir);
  await page.goto(host.url);
  const library = await readSandboxLibrary(host.dataDir);
  await putFile(library.demo, 'videos', BIG, mp4(32 * 1024 * 1024));
  proxy = await startSlowProxy(library.demo.serverUrl, 16 * 1024, 100);
  const { demo } = library;
  const created = await page.request.post(`${host.origin}/api/invoke`, {
    data: { method: 'accounts.create', args: { config: { kind: 'library', label: 'Slow library', serverUrl: proxy.origin, domain: demo.domain, userId: demo.userId, appId: demo.appId }, secret: demo.password } },
  });
  expect(((await created.json()) as { ok: boolean }).ok).toBe(true);
}

async function openSlowLibraryFolder(page: Page, folder: string): Promise<void> {
  await page.getByRole('navigation').first().getByRole('button', { name: /Slow library/ }).click();
  await page.getByRole('grid').locator(`[role="row"][data-name="${folder}"]`).dblclick();
  await expect(page.getByRole('grid').locator(`[role="row"][data-name="${BIG}"]`)).toBeVisible();
}

const notices = (page: Page) => page.locator('.notice-region');

test('a running transfer’s Cancel button takes the click while notices show', async ({ page }) => {
  test.setTimeout(120_000);
  await slowLibrary(page);
  await openSlowLibraryFolder(page, 'videos');
  // A refusal that stays until dismissed.
  await dropFiles(page, '[data-testid="lib-drop-area"]', [dropped('fake.jpg', 'image/jpeg', png())]);
  await expect(notices(page).locator('.notice-error')).toBeVisible();
  // The long download, and its "Downloading…" notice.
  await page.getByRole('grid').locator(`[role="row"][data-name="${BIG}"]`).click();
  await page.getByRole('button', { name: 'Download…' }).click();
  await page.getByRole('dialog', { name: 'Download 1 file' }).getByRole('button', { name: 'Download' }).click();
  const running = page.getByRole('listitem', { name: `${BIG}: Downloading` });
  await expect(running).toBeVisible();
  await expect(notices(page)).toContainText('Downloading 1 file');
  await expect(notices(page).locator('.notice')).toHaveCount(2);
  await page.screenshot({ path: path.join(ARTIFACTS, 'notices-library-cancel.png') });
  // Nothing lies over Cancel: a click that another element would take fails here.
  await running.getByRole('button', { name: 'Cancel' }).click({ timeout: 5_000 });
  await expect(page.getByRole('listitem', { name: `${BIG}: Cancelled` })).toBeVisible();
  // The news left by itself; the refusal stays.
  await expect(notices(page)).not.toContainText('Downloading 1 file', { timeout: 15_000 });
  await expect(notices(page).locator('.notice-error')).toBeVisible();
});

/** Every view with the transfer running and notices shown, in four looks. */
async function everyView(page: Page, language: string): Promise<void> {
  const nav = page.getByRole('navigation').first();
  const shots = async (name: string) => {
    for (const [width, height] of [[1280, 800], [700, 900]] as const) {
      await page.setViewportSize({ width, height });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: path.join(ARTIFACTS, `notices-${language}-${name}-${width}-${scheme}.png`) });
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
  };
  await openSlowLibraryFolder(page, 'videos');
  await dropFiles(page, '[data-testid="lib-drop-area"]', [dropped('fake.jpg', 'image/jpeg', png()), dropped('fake2.jpg', 'image/jpeg', png())]);
  await page.getByRole('grid').locator(`[role="row"][data-name="${BIG}"]`).click();
  await page.getByRole('button', { name: /^(Download…|ダウンロード…)$/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^(Download|ダウンロード)$/ }).click();
  await expect(page.locator('.transfer-row.state-downloading')).toBeVisible();
  await expect(notices(page).locator('.notice')).toHaveCount(3);
  await shots('library');
  for (const [name, button] of [['transfers', /^(Transfers|転送)$/], ['twilio', /Twilio/], ['upload', /Sandbox upload/], ['settings', /^(Settings|設定)$/], ['activity', /^(Activity|アクティビティ)$/]] as const) {
    await nav.getByRole('button', { name: button }).first().click();
    await shots(name);
  }
}

for (const [locale, language] of [['en-US', 'en'], ['ja-JP', 'ja']] as const) {
  test.describe(language, () => {
    test.use({ locale });
    test(`every view with a transfer running and notices shown, wide and narrow, light and dark (${language})`, async ({ page }) => {
      test.setTimeout(300_000);
      await slowLibrary(page, true);
      await everyView(page, language);
    });
  });
}
