// The library's list as it sits in the window, in Chromium through the browser host: one scrolling region (the
// table) whatever the folder holds, a table that fits without scrolling sideways or cutting a header
// (support/table-fit.ts), the bar on one row at 1280 px and usable at 700 px, the status line always in view,
// thumbnails only for the rows on screen, light and dark, scanned with axe.
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { makeDataDir, startHost, type RunningHost } from './host';
import { tableCuts } from './support/table-fit';

const LONG = 'Customer photos from the summer campaign 2026, final selection for review';

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

/** Elements whose content overflows and that scroll it (the page itself included). */
function scrollers(): string[] {
  const all = [document.scrollingElement, ...Array.from(document.querySelectorAll('body *'))].filter((e): e is Element => e !== null);
  return all
    .filter((el) => {
      const style = getComputedStyle(el);
      const scrolls = el === document.scrollingElement || /(auto|scroll)/.test(style.overflowY + style.overflowX);
      return scrolls && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
    })
    .map((el) => `${el.tagName.toLowerCase()}${el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : ''}.${String(el.className)}`);
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: ${v.id} ${v.help} — ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
}

test('one scrolling region, a bar that fits, thumbnails only on screen, at 1280 and 700 px, light and dark', async ({ page }) => {
  // Four axe scans on a shared machine.
  test.setTimeout(240_000);
  const dataDir = await makeDataDir();
  execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support/seed-library.mts'), path.join(dataDir, 'sandbox'), LONG, '400'], { stdio: 'pipe' });
  host = await startHost(dataDir);
  const thumbnails: string[] = [];
  page.on('request', (request) => {
    const body = request.postData() ?? '';
    if (request.url().endsWith('/api/invoke') && body.includes('"thumbnail":true')) thumbnails.push((JSON.parse(body) as { args: { file: string } }).args.file);
  });
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Accounts and tools' }).getByRole('button', { name: /Sandbox media library/ }).click();
  await page.getByRole('grid').locator(`[role="row"][data-name="${LONG}"]`).dblclick();
  await expect(page.getByText('seed-00001.jpg')).toBeVisible();
  await expect(page.getByText('400 files')).toBeVisible();

  // Only the rows on screen ask for a thumbnail (about 14 at this height), never the 400.
  await expect.poll(() => thumbnails.length).toBeGreaterThan(5);
  await page.waitForTimeout(500);
  expect(thumbnails.length).toBeLessThan(25);
  expect(thumbnails).not.toContain('seed-00100.jpg');
  await expect(page.getByRole('grid').locator('img.lib-thumb').first()).toBeVisible();

  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1280, 700]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 800 });
      expect(await page.evaluate(scrollers), `${scheme} ${width}`).toEqual(['div[role=grid].lib-grid']);
      expect(await page.evaluate(tableCuts), `cut at ${width}`).toEqual([]);
      // The creator column is there at 1280 px (at 700 px the details show it), with the mark that says it is you.
      const you = page.getByRole('grid').locator('.col-createdBy .person-mark').first();
      if (width === 1280) await expect(you).toBeVisible();
      else await expect(you).toBeHidden();
      const status = page.locator('.lib-status');
      await page.getByRole('grid').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect(status).toBeInViewport();
      if (width === 1280) {
        // The filter and every action on one row.
        const tops = await page.locator('.lib-bar .actions > *').evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).map((e) => Math.round(e.getBoundingClientRect().top)));
        expect(new Set(tops).size, `tops ${tops.join()}`).toBe(1);
      }
      await expectAccessible(page, `library list ${scheme} ${width}`);
      await page.getByRole('grid').evaluate((el) => el.scrollTo({ top: 0 }));
    }
  }
});
