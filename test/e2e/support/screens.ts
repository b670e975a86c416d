// The page as it is now at 1280 and 700 px wide, light and dark: each checked by axe (no serious or critical
// violation) and saved as test-results/screens/<prefix>-<width>-<scheme>.png; left at 1280 px, light.
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { ARTIFACTS } from '../host';

export async function widthAndSchemeScreens(page: Page, prefix: string): Promise<void> {
  for (const width of [1280, 700]) {
    await page.setViewportSize({ width, height: 800 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `${prefix}-${width}-${scheme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
}
