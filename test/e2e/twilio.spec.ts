// The Twilio message-media viewer as an admin uses it, in Chromium through the browser host and its sandbox: page
// through messages by scrolling, preview an image and play and seek a video, read the XML metadata, move through
// the grid with the keyboard, delete a media item, download with a name conflict, clean up a range of days, see a
// Twilio error as Twilio gave it; every screen scanned by axe and photographed (light, dark, narrow).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ja as japanese } from '../../main/common/i18n/locales/ja/index';
import { makeDataDir, startHost, type RunningHost } from './host';
import {
  expectAccessible,
  expectFocusOn,
  invoke,
  listStatus,
  mediaGrid,
  messageList,
  openSandboxTwilio,
  preview,
  screenshot,
  scrollMessagesToEnd,
  selectMessage,
} from './support/twilio-page';

// The sandbox's demo data: 120 messages, newest first; message 6 carries 10 media, the 6th of them a video.
const DEMO_MESSAGES = 120;
const TEN_MEDIA = 6;
const VIDEO_TILE = 5;

let host: RunningHost;
test.beforeEach(async ({ page }) => {
  host = await startHost(await makeDataDir());
  await openSandboxTwilio(page, host);
});
test.afterEach(async () => {
  await host?.stop();
});

async function sandboxTwilioId(page: Page): Promise<string> {
  const accounts = await invoke<Array<{ id: string; kind: string }>>(page.request, host, 'accounts.list', {});
  return accounts.find((a) => a.kind === 'twilio')?.id ?? '';
}

async function openTenMedia(page: Page): Promise<void> {
  await selectMessage(page, TEN_MEDIA);
  await expect(mediaGrid(page).getByRole('option')).toHaveCount(10);
}

test('pages through the messages as the list scrolls, following the links Twilio gives', async ({ page }) => {
  await expect(listStatus(page)).toHaveText('50 messages, more below');
  await scrollMessagesToEnd(page);
  await expect(listStatus(page)).toHaveText('100 messages, more below');
  await scrollMessagesToEnd(page);
  await expect(listStatus(page)).toHaveText(`${DEMO_MESSAGES} messages, all loaded`);
  await scrollMessagesToEnd(page);
  await expect(messageList(page).getByRole('option').last()).toHaveAttribute('aria-posinset', String(DEMO_MESSAGES));
  // The list is virtualized: only the rows on screen exist.
  expect(await messageList(page).getByRole('option').count()).toBeLessThan(40);

  // How many pages the filter needs depends on how fast the list fills the view: only what it shows is asserted.
  await page.getByLabel('Only messages with media').check();
  await expect(listStatus(page)).toHaveText(/^\d+ messages, (more below|all loaded)$/);
  await expect(messageList(page).getByRole('option').first()).toBeVisible();
  await expect(messageList(page).getByText('no media')).toHaveCount(0);
});

test('previews an image that fits and zooms, shows its JSON and XML, and plays and seeks a video', async ({ page }) => {
  await openTenMedia(page);
  await mediaGrid(page).getByRole('option').first().click();
  const dialog = preview(page);
  // Named by its type and SID, which stay when others are deleted; its place is said beside.
  await expect(dialog.getByRole('heading', { name: /^[A-Z0-9]+ ME[0-9a-f]{4}…[0-9a-f]{4}$/ })).toBeVisible();
  await expect(dialog).toContainText('Image 1 of 10');
  const image = dialog.getByRole('img', { name: /Image attached to the message/ });
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const fitWidth = await image.evaluate((img) => img.getBoundingClientRect().width);
  await dialog.getByRole('button', { name: 'Zoom in' }).click();
  await dialog.getByRole('button', { name: 'Zoom in' }).click();
  await expect(dialog.getByText(/^400%/)).toBeVisible();
  expect(await image.evaluate((img) => img.getBoundingClientRect().width)).toBeGreaterThan(fitWidth);
  await dialog.getByRole('button', { name: 'Fit' }).click();

  await dialog.getByRole('tab', { name: 'JSON' }).click();
  await expect(dialog.getByLabel('The media resource as JSON')).toContainText('"content_type": "image/jpeg"');
  await dialog.getByRole('tab', { name: 'XML' }).click();
  const xml = dialog.getByLabel('The media resource as XML');
  await expect(xml).toContainText('<TwilioResponse>');
  await expect(xml).toContainText(/<Sid>ME[0-9a-f]{32}<\/Sid>/);
  await expect(xml).toContainText('<ContentType>image/jpeg</ContentType>');
  await screenshot(page, 'preview-xml');

  // Escape closes the preview and gives the focus back to the tile.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expectFocusOn(page, /, image 1 of 10,/);

  // To the video with the arrows, then Enter.
  for (let i = 0; i < VIDEO_TILE; i++) await page.keyboard.press('ArrowRight');
  await expectFocusOn(page, /, video 6 of 10, video\/mp4/);
  await page.keyboard.press('Enter');
  const video = preview(page).locator('video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  expect(await video.evaluate((v: HTMLVideoElement) => v.duration)).toBeGreaterThan(2);
  const seeked = await video.evaluate(
    (v: HTMLVideoElement) =>
      new Promise<number>((resolve) => {
        v.addEventListener('seeked', () => resolve(v.currentTime), { once: true });
        v.currentTime = 2;
      }),
  );
  expect(seeked).toBeCloseTo(2, 1);
  expect(await video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(2, 1);
  await video.evaluate((v: HTMLVideoElement) => v.play());
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(2);
  await screenshot(page, 'preview-video');
});

test('moves through the grid with the keyboard and deletes a media item after confirmation', async ({ page }) => {
  await openTenMedia(page);
  const grid = mediaGrid(page);
  await grid.getByRole('option').first().focus();
  await page.keyboard.press('ArrowRight');
  await expectFocusOn(page, /, image 2 of 10,/);
  const perRow = await grid.evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
  await page.keyboard.press('ArrowDown');
  await expectFocusOn(page, new RegExp(`, \\w+ ${2 + perRow} of 10,`));
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  await expectFocusOn(page, / 10 of 10/);
  await page.keyboard.press('Home');

  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: /^Delete [A-Z0-9]+ ME[0-9a-f]{4}…[0-9a-f]{4}\?$/ });
  await expect(confirm).toBeVisible();
  // Cancel first: nothing is deleted.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(grid.getByRole('option')).toHaveCount(10);
  await expectFocusOn(page, /, image 1 of 10,/);
  await page.keyboard.press('Delete');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete media' }).click();
  await expect(page.getByRole('region', { name: 'Notifications' }).getByText(/^Deleted [A-Z0-9]+ ME[0-9a-f]{4}…[0-9a-f]{4} from Twilio\.$/)).toBeVisible();
  await expect(grid.getByRole('option')).toHaveCount(9);
  await expectFocusOn(page, /, image 1 of 9,/);
  await expect(messageList(page).locator('[aria-selected="true"]')).toContainText('9 media');
  // Twilio agrees: the message now has 9 media.
  await selectMessage(page, TEN_MEDIA - 1);
  await selectMessage(page, TEN_MEDIA);
  await expect(grid.getByRole('option')).toHaveCount(9);
});

test('downloads to the Downloads folder, asking once about names already there, for all of them', async ({ page }) => {
  const folder = host.downloads;
  await fs.mkdir(folder, { recursive: true });
  try {
    await openTenMedia(page);
    // Two of the ten files are already in the folder.
    const messageSid = (await page.locator('.twilio-media-head .mono').textContent()) ?? '';
    const listed = await invoke<{ items: Array<{ fileName: string }> }>(page.request, host, 'twilio.listMedia', { accountId: await sandboxTwilioId(page), messageSid });
    const [first, second] = listed.items.map((m) => m.fileName);
    await fs.writeFile(path.join(folder, first!), 'mine');
    await fs.writeFile(path.join(folder, second!), 'mine too');

    await page.getByRole('button', { name: 'Download all…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Download 10 files' });
    await expect(dialog).toContainText(folder);
    await dialog.getByRole('button', { name: 'Download' }).click();
    // The library's question, in the same words and with the same safe defaults.
    const conflict = page.getByRole('dialog', { name: '2 names are already taken' });
    await expect(conflict).toContainText(first!);
    await expect(conflict.getByRole('button', { name: 'Skip' })).toBeFocused();
    await conflict.getByLabel('Do the same for the other name already taken').check();
    await screenshot(page, 'download-conflict');
    await conflict.getByRole('button', { name: 'Keep both' }).click();
    // Asked once: the second name was decided by "do the same".
    await expect.poll(async () => (await fs.readdir(folder)).filter((n) => !n.startsWith('.')).length, { timeout: 20_000 }).toBe(12);
    // Its notice ("Downloading 10 files to …") says, when the downloads end, where they went.
    await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(`10 files downloaded to ${folder}.`);
    await expect(page.getByRole('region', { name: 'Notifications' })).not.toContainText('Downloading');
    expect(await fs.readFile(path.join(folder, first!), 'utf8')).toBe('mine');
    expect(await fs.readFile(path.join(folder, second!), 'utf8')).toBe('mine too');
    for (const name of [first!, second!]) {
      const ext = path.extname(name);
      expect((await fs.stat(path.join(folder, `${name.slice(0, -ext.length)} (1)${ext}`))).size).toBeGreaterThan(1000);
    }
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
});

test('cleans up a range of days: count, confirm, a result per item, a report main saves, the job under Transfers', async ({ page }) => {
  test.setTimeout(180_000); // sixteen screenshots on a busy machine
  await page.getByRole('button', { name: 'Clean up old media…' }).click();
  await page.getByLabel('First day').fill('2025-05-10');
  await page.getByLabel('Last day').fill('2025-05-12');
  await page.getByRole('button', { name: 'Count', exact: true }).click();
  const found = page.getByRole('status').filter({ hasText: /media items? found in/ });
  await expect(found).toBeVisible();
  const count = Number(/^(\d+)/.exec((await found.textContent()) ?? '')?.[1]);
  expect(count).toBeGreaterThan(3);
  await expect(page.getByRole('list', { name: 'Media the clean-up would delete' }).getByRole('listitem').first()).toBeVisible();
  await screenshot(page, 'cleanup-count');

  await page.getByRole('button', { name: `Delete ${count} media` }).click();
  await page.getByRole('dialog').getByRole('button', { name: `Delete ${count} media` }).click();
  await expect(page.getByRole('heading', { name: 'Clean-up finished' })).toBeVisible();
  await expect(page.getByText(`${count} deleted · 0 already gone · 0 failed · 0 not deleted`)).toBeVisible();
  const results = page.getByRole('list', { name: 'Result for each media item, in the order handled' });
  await expect(results.getByRole('listitem').first()).toHaveAccessibleName(/: Deleted$/);
  await screenshot(page, 'cleanup-done');

  // Main writes the report where the host's downloads go (no browser download), and the notice says where.
  await page.getByRole('button', { name: 'Save report (CSV)' }).click();
  const saved = path.join(host.downloads, 'twilio-cleanup-2025-05-10-to-2025-05-12.csv');
  await expect(page.getByText(`Report saved to ${saved}.`)).toBeVisible();
  const csv = await fs.readFile(saved, 'utf8');
  expect(csv.startsWith('\uFEFFstatus,message_sid,')).toBe(true);
  const rows = csv.slice(1).trim().split('\r\n');
  expect(rows).toHaveLength(count + 1);
  expect(rows.slice(1).every((r) => r.startsWith('deleted,'))).toBe(true);
  // The notice is news that leaves after a while: saved again ("… (1).csv" the second time) for each language's pictures.
  await shots(page, 'cleanup-report-notice', async (language) => {
    await page.getByRole('button', { name: language === 'ja' ? japanese.twilio['run.saveCsv'] : 'Save report (CSV)' }).click();
    const notices = page.getByRole('region', { name: language === 'ja' ? japanese.shell['notices.label'] : 'Notifications' });
    await expect(notices).toContainText(language === 'ja' ? 'twilio-cleanup-2025-05-10-to-2025-05-12 (' : 'twilio-cleanup-2025-05-10-to-2025-05-12');
    // Held on screen for the pictures, as a user's pointer on it does.
    await notices.hover();
  });

  // Counting the same days again finds nothing left.
  await page.getByRole('button', { name: 'Count', exact: true }).click();
  await expect(page.getByText(/^No media were added in this range/)).toBeVisible();

  // The deletion was a job in the transfer queue, as the count was: listed under Transfers with its count and its
  // result for each media item.
  await page.getByRole('navigation', { name: 'Accounts and tools' }).getByRole('button', { name: 'Transfers' }).click();
  const row = page.getByRole('listitem').filter({ hasText: 'Delete Twilio media, 2025-05-10 to 2025-05-12' });
  await expect(row).toContainText(`media deleted · ${count} of ${count} items`);
  await expect(row).toContainText(`${count} done`);
  await shots(page, 'cleanup-job-in-transfers');
});

test('in a 700 px window a message opened by a click or Enter brings its media into view, with the focus', async ({ page }) => {
  const heading = page.locator('#twilio-media-title');
  const menu = page.getByRole('button', { name: 'Menu' });
  // Wide: the media are beside the list, in view; the focus stays in the list for its arrows.
  await selectMessage(page, 0);
  await messageList(page).press('Enter');
  await expect(heading).toBeInViewport();
  await expect(messageList(page)).toBeFocused();

  await page.setViewportSize({ width: 700, height: 800 });
  await page.locator('main.content').evaluate((el) => el.scrollTo({ top: 0 }));
  // A click: the first media and the heading in view, the focus on the heading, the compact bar where it was.
  await messageList(page).locator(`[role="option"][aria-posinset="${TEN_MEDIA + 1}"]`).click();
  await expect(mediaGrid(page).getByRole('option')).toHaveCount(10);
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport({ ratio: 1 });
  await expect(mediaGrid(page).getByRole('option').first()).toBeInViewport({ ratio: 1 });
  await expect(menu).toBeInViewport({ ratio: 1 });
  await screenshot(page, 'opened-700');
  // The arrows only select (the focus stays in the list); Enter opens.
  await page.locator('main.content').evaluate((el) => el.scrollTo({ top: 0 }));
  await messageList(page).focus();
  await messageList(page).press('ArrowDown');
  await expect(messageList(page)).toBeFocused();
  await messageList(page).press('Enter');
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport({ ratio: 1 });
  await expect(menu).toBeInViewport({ ratio: 1 });
  await page.setViewportSize({ width: 1280, height: 800 });
});

/** The screen at 1280x800 and 700 px wide, light and dark, in English then Japanese (twilio-<name>-….png). */
async function shots(page: Page, name: string, prepare?: (language: 'en' | 'ja') => Promise<void>): Promise<void> {
  for (const language of ['en', 'ja'] as const) {
    await invoke(page.request, host, 'settings.update', { language });
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await prepare?.(language);
    for (const [width, height] of [[1280, 800], [700, 800]] as const) {
      await page.setViewportSize({ width, height });
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await screenshot(page, `${name}-${language}-${width}-${colorScheme}`);
      }
    }
  }
  await invoke(page.request, host, 'settings.update', { language: 'en' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
}

test("shows Twilio's error with its code and a link to Twilio's page about it", async ({ page }) => {
  const accounts = await invoke<Array<{ kind: string; baseUrl?: string; accountSid?: string }>>(page.request, host, 'accounts.list', {});
  const sandbox = accounts.find((a) => a.kind === 'twilio');
  await invoke(page.request, host, 'accounts.create', {
    config: { kind: 'twilio', label: 'Wrong token', baseUrl: sandbox?.baseUrl, accountSid: sandbox?.accountSid, authMode: 'authToken' },
    secret: 'f'.repeat(32),
  });
  await page.getByRole('navigation', { name: 'Accounts and tools' }).getByRole('button', { name: 'Wrong token' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Twilio error 20003' });
  await expect(alert).toContainText('(HTTP 401)');
  await expect(alert.getByRole('link', { name: 'More about error 20003' })).toHaveAttribute('href', /^https:\/\/.*20003/);
  await expectAccessible(page, 'twilio error');
  await screenshot(page, 'error');
});

test('the list, the grid, the preview and the clean-up pass axe in light and dark, wide and narrow', async ({ page }) => {
  test.setTimeout(180_000); // many scans and screenshots: more than a minute on a busy machine
  await openTenMedia(page);
  const screens: Array<[string, () => Promise<void>, () => Promise<void>]> = [
    ['list-and-grid', async () => undefined, async () => undefined],
    [
      'preview',
      async () => {
        await mediaGrid(page).getByRole('option').first().click();
        await expect.poll(() => preview(page).getByRole('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      },
      async () => page.keyboard.press('Escape'),
    ],
    [
      'cleanup',
      async () => {
        await page.getByRole('button', { name: 'Clean up old media…' }).click();
        await page.getByLabel('First day').fill('2025-05-20');
        await page.getByLabel('Last day').fill('2025-05-21');
        await page.getByRole('button', { name: 'Count', exact: true }).click();
        await expect(page.getByRole('status').filter({ hasText: /found in/ })).toBeVisible();
      },
      async () => undefined,
    ],
  ];
  for (const [name, open, close] of screens) {
    await open();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expectAccessible(page, `${name} (${scheme})`);
      await screenshot(page, `${name}-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 600, height: 900 });
    await expectAccessible(page, `${name} (narrow)`);
    // In a narrow window the media sit below the list: bring them into the picture.
    if (name === 'list-and-grid') await mediaGrid(page).scrollIntoViewIfNeeded();
    await screenshot(page, `${name}-narrow`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await close();
  }
});
