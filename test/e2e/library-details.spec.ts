// The library's details panel as it sits in the window, in Chromium through the browser host: an image's preview
// shown at its height (its box is not squeezed by the panel), the voicemail's player inside the panel where it can
// be reached, and in a 700 px window the panel opened over the table at the window's height, the focus moved into
// it (when it opens there, and when the window is narrowed under it), and Escape giving it back to the row. At 700 px
// the panel lies under the compact bar: its Menu button stays uncovered and its menu opens over the panel. At
// 1280x800 with Transfers under the table, the panel keeps its minimum height and Transfers gives way (it shrinks,
// and its heading folds it). Screens: test-results/screens/details-<lang>-<scheme>-<width>.png and details-transfers-*.
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ARTIFACTS, makeDataDir, startHost, type RunningHost } from './host';
import { jpeg } from './support/media';

/** The details' minimum height beside the table (library.css: min(24rem, 60vh) at 800 px). */
const DETAILS_MIN = 384;

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

const row = (page: Page, name: string): Locator => page.getByRole('grid').locator(`[role="row"][data-name="${name}"]`);
const panel = (page: Page): Locator => page.getByTestId('lib-details');

async function openLibrary(page: Page, nav: string): Promise<void> {
  host = await startHost(await makeDataDir());
  await page.goto(host.url);
  await page.getByRole('navigation', { name: nav }).getByRole('button', { name: /Sandbox media library/ }).click();
  await expect(page.getByRole('grid')).toBeVisible();
  await page.screenshot({ path: path.join(ARTIFACTS, `details-folders-${nav === 'Accounts and tools' ? 'en' : 'ja'}-1280.png`) });
}

async function openFileDetails(page: Page, folder: string, file: string): Promise<void> {
  await row(page, folder).dblclick();
  await row(page, file).click();
  await page.keyboard.press('Enter');
  await expect(panel(page)).toBeVisible();
}

/** Whether the keyboard focus is inside the details panel. */
const focusIn = (page: Page): Promise<boolean> => page.evaluate(() => Boolean(document.querySelector('[data-testid="lib-details"]')?.contains(document.activeElement)));

/** Where `inner` lies against `outer`: how far it sticks out below it (> 0: cut off), and the heights. */
async function boxes(inner: Locator, outer: Locator) {
  const a = await inner.boundingBox();
  const b = await outer.boundingBox();
  if (!a || !b) throw new Error('not laid out');
  return { below: a.y + a.height - (b.y + b.height), innerHeight: a.height, outerHeight: b.height, top: a.y - b.y };
}

/** Whether the element under the centre of `target` is `target` (or inside it): nothing lies over it. */
async function uncovered(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return top !== null && el.contains(top);
  });
}

/** At 700 px the panel over the table leaves the compact bar's Menu button free, and the menu opens over the panel. */
async function expectMenuReachable(page: Page, menu: string, firstItem: RegExp): Promise<void> {
  const toggle = page.locator('.nav-toggle');
  expect(await uncovered(toggle), 'the details panel covers the Menu button').toBe(true);
  const bar = await toggle.boundingBox();
  const over = await panel(page).boundingBox();
  expect(over?.y ?? 0, 'the panel starts under the compact bar').toBeGreaterThanOrEqual((bar?.y ?? 0) + (bar?.height ?? 0));
  await page.getByRole('button', { name: menu }).click();
  const item = page.getByRole('navigation').getByRole('button', { name: firstItem });
  await expect(item).toBeVisible();
  expect(await uncovered(item), 'the details panel covers the open menu').toBe(true);
  await page.getByRole('button', { name: menu }).click();
  await expect(item).toBeHidden();
}

async function screens(page: Page, lang: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1280, 700]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 800 });
      await page.waitForTimeout(150);
      await page.screenshot({ path: path.join(ARTIFACTS, `details-${lang}-${scheme}-${width}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('the preview at its height, the voicemail player inside the panel, and the panel over the table at 700 px', async ({ page }) => {
  test.setTimeout(120_000);
  await openLibrary(page, 'Accounts and tools');

  // An image: its box is as tall as the picture (the panel scrolls instead of squeezing it).
  await openFileDetails(page, 'photos', 'sunset.jpg');
  const image = panel(page).getByTestId('preview-image');
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const picture = await boxes(image, panel(page).locator('.preview-box'));
  expect(picture.outerHeight).toBeGreaterThanOrEqual(picture.innerHeight);
  expect(picture.innerHeight).toBeGreaterThan(100);

  // The voicemail: its player is in the panel's box, shown (scrolled to when the panel is shorter than its content).
  await page.getByRole('button', { name: 'mediadesk-demo' }).click();
  await openFileDetails(page, '26919119', '26919119.mp3');
  const audio = panel(page).getByTestId('preview-audio');
  await expect(audio).toBeVisible();
  const player = await boxes(audio, panel(page).locator('.preview-box'));
  expect(player.below, 'the player sticks out of its box').toBeLessThanOrEqual(0);
  expect(player.top).toBeGreaterThanOrEqual(0);
  const inPanel = await boxes(audio, panel(page));
  expect(inPanel.below, 'the player is below the panel’s edge').toBeLessThanOrEqual(0);
  // Beside the table it is no modal: Shift+Tab from its first control goes back out to the table.
  await panel(page).getByRole('button', { name: 'Close the details' }).focus();
  await page.keyboard.press('Shift+Tab');
  expect(await focusIn(page), 'the side panel kept the focus').toBe(false);
  await panel(page).getByRole('button', { name: 'Close the details' }).focus();
  await screens(page, 'en');

  // Narrowed with the focus on the table: the panel comes over the rows, and the focus goes into it with it.
  await row(page, '26919119.mp3').click();
  await expect(page.getByRole('grid')).toBeFocused();
  await expect(panel(page)).toBeVisible();
  await page.setViewportSize({ width: 700, height: 800 });
  await expect(panel(page), 'the panel came over the focused table and took the focus').toBeFocused();

  // 700 px: the panel opens over the table, as tall as the window, with the focus in it; Escape gives it back.
  await page.keyboard.press('Escape');
  await expect(panel(page)).toBeHidden();
  await row(page, '26919119.mp3').click();
  await page.keyboard.press('Enter');
  await expect(panel(page)).toBeFocused();
  const narrow = await panel(page).boundingBox();
  expect(narrow?.height ?? 0, 'the panel’s height at 700 px').toBeGreaterThan(600);
  await expectMenuReachable(page, 'Menu', /Sandbox upload/);
  await panel(page).focus();
  await expect(panel(page).getByRole('heading', { name: '26919119.mp3' })).toBeInViewport({ ratio: 1 });
  await expect(panel(page).getByRole('button', { name: 'Close the details' })).toBeInViewport({ ratio: 1 });
  await expect(panel(page).getByTestId('preview-audio')).toBeInViewport({ ratio: 1 });
  // Over the table, Tab and Shift+Tab go round the panel's controls and never reach the rows it covers.
  const close = panel(page).getByRole('button', { name: 'Close the details' });
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press('Tab');
    expect(await focusIn(page), `Tab ${i + 1} left the panel`).toBe(true);
  }
  await close.focus();
  await page.keyboard.press('Shift+Tab');
  expect(await focusIn(page), 'Shift+Tab from its first control left the panel').toBe(true);
  await expect(close).not.toBeFocused();
  await page.keyboard.press('Tab');
  await expect(close, 'Tab from its last control goes round to the first').toBeFocused();
  await page.keyboard.press('Escape');
  await expect(panel(page)).toBeHidden();
  await expect(page.getByRole('grid')).toBeFocused();
  await expect(page.getByRole('grid')).toHaveAttribute('aria-activedescendant', (await row(page, '26919119.mp3').getAttribute('id')) ?? 'none');
});

/** Four finished uploads into "photos": the Transfers list under the table, fuller than its box. */
async function uploadFour(page: Page): Promise<void> {
  await row(page, 'photos').dblclick();
  for (let i = 1; i <= 4; i++) {
    await page.getByTestId('lib-file-input').setInputFiles({ name: `upload-${i}.jpg`, mimeType: 'image/jpeg', buffer: jpeg(320, 200) });
    await expect(row(page, `upload-${i}.jpg`)).toBeVisible();
  }
}

/** At 1280x800 with Transfers open: the panel keeps its minimum, Transfers keeps a line of its list, nothing else scrolls. */
async function expectDetailsRoom(page: Page, screen: string): Promise<void> {
  const transfers = page.locator('.lib-transfers');
  await expect(transfers.locator('.transfer-scroll')).toBeVisible();
  const details = await panel(page).boundingBox();
  expect(details?.height ?? 0, `${screen}: the details panel’s height`).toBeGreaterThanOrEqual(DETAILS_MIN);
  const list = await transfers.locator('.transfer-scroll').boundingBox();
  expect(list?.height ?? 0, `${screen}: the Transfers list’s height`).toBeGreaterThan(40);
  await expect(transfers, `${screen}: Transfers below the fold`).toBeInViewport({ ratio: 1 });
  const pageScrolls = await page.locator('main.content').evaluate((el) => el.scrollHeight > el.clientHeight + 1);
  expect(pageScrolls, `${screen}: the content area scrolls`).toBe(false);
}

test('at 1280x800 the details keep their height beside the table while Transfers shrinks and folds', async ({ page }) => {
  test.setTimeout(120_000);
  await openLibrary(page, 'Accounts and tools');
  await uploadFour(page);
  await row(page, 'sunset.jpg').click();
  await page.keyboard.press('Enter');
  await expect(panel(page).getByTestId('preview-image')).toBeVisible();
  await expectDetailsRoom(page, 'en');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: path.join(ARTIFACTS, `details-transfers-en-${scheme}-1280.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  // Folded to its heading, the room goes to the table and the details; unfolded, the list is back.
  const fold = page.locator('.lib-transfers').getByRole('button', { name: 'Transfers', exact: true });
  const before = (await panel(page).boundingBox())?.height ?? 0;
  await fold.click();
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('.lib-transfers .transfer-scroll')).toHaveCount(0);
  expect((await panel(page).boundingBox())?.height ?? 0, 'the details grew when Transfers folded').toBeGreaterThan(before + 60);
  await fold.click();
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  await expectDetailsRoom(page, 'en unfolded');
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });
  test('the panel in Japanese, light and dark, 1280 and 700 px', async ({ page }) => {
    test.setTimeout(120_000);
    await openLibrary(page, 'アカウントとツール');
    await openFileDetails(page, '26919119', '26919119.mp3');
    await expect(panel(page).getByTestId('preview-audio')).toBeVisible();
    await screens(page, 'ja');
    await page.setViewportSize({ width: 700, height: 800 });
    await expect(panel(page)).toBeFocused();
    await expectMenuReachable(page, 'メニュー', /Sandbox upload/);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'mediadesk-demo' }).click();
    await uploadFour(page);
    await row(page, 'sunset.jpg').click();
    await page.keyboard.press('Enter');
    await expect(panel(page).getByTestId('preview-image')).toBeVisible();
    await expectDetailsRoom(page, 'ja');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: path.join(ARTIFACTS, `details-transfers-ja-${scheme}-1280.png`) });
    }
  });
});
