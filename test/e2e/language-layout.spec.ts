// English and Japanese laid out alike where Japanese words are longer or wider: at 1280 px the library's creator
// columns show about as much of an id in Japanese as in English (English: 10 and 9 characters), and
// Settings' remembered download folders keep their labels on one line. At 700 px both still fit. The checks are soft,
// so that every screen is saved even when one fails: test-results/screens/layout-<lang>-<screen>-<width>-<scheme>.png.
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { english, type Namespace } from '../../main/common/i18n/catalogue';
import { ja as japanese } from '../../main/common/i18n/locales/ja/index';
import { ARTIFACTS, makeDataDir, startHost, type RunningHost } from './host';
import { tableCuts } from './support/table-fit';

const SIZES = [1280, 700] as const;
const SCHEMES = ['light', 'dark'] as const;
/** The narrowest window that shows the creator columns (library.css). */
const CREATORS_FROM = 1271;
/** Room for a UUID's first group (8 characters): enough to tell two users apart at a glance. */
const ID_CHARS = 8;

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

/** Each id cell of the table's visible rows: its id, and how many of its characters show before the ellipsis. */
function idCells(): Array<{ column: string; id: string; shown: number }> {
  const out: Array<{ column: string; id: string; shown: number }> = [];
  for (const name of document.querySelectorAll<HTMLElement>('.lib-grid-rows :is(.col-createdBy, .col-createdWith) .person-name')) {
    if (name.getClientRects().length === 0) continue;
    const id = name.textContent ?? '';
    // Monospaced: every character is as wide as the whole text over its length; the ellipsis may not be (a CJK
    // monospaced font draws it full-width), so it is measured in the same font.
    const perChar = name.scrollWidth / Math.max(1, id.length);
    const probe = name.cloneNode() as HTMLElement;
    probe.textContent = '…';
    probe.style.position = 'absolute';
    name.after(probe);
    const ellipsis = probe.getBoundingClientRect().width;
    probe.remove();
    const shown = name.scrollWidth <= name.clientWidth + 1 ? id.length : Math.floor((name.clientWidth - ellipsis) / perChar);
    out.push({ column: name.closest('.lib-cell')?.classList.contains('col-createdBy') ? 'by' : 'with', id, shown });
  }
  return out;
}

/** How many lines each label of the remembered download folders takes. */
function folderLabelLines(): number[] {
  return Array.from(document.querySelectorAll('.folder-list dt'), (dt) => {
    const range = document.createRange();
    range.selectNodeContents(dt);
    return new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size;
  });
}

function pageScrollsSideways(): boolean {
  const root = document.scrollingElement;
  return root !== null && root.scrollWidth > root.clientWidth + 1;
}

async function save(page: Page, lang: string, screen: string, width: number, scheme: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `layout-${lang}-${screen}-${width}-${scheme}.png`) });
}

for (const lang of ['en', 'ja'] as const) {
  test.describe(lang, () => {
    test.use({ locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
    const say = (ns: Namespace, key: string): string => {
      const text = (lang === 'ja' ? japanese : english)[ns][key];
      if (text === undefined) throw new Error(`No ${lang} text for ${ns}.${key}`);
      return text;
    };

    test(`${lang}: the library's ids and Settings' folder labels have room, at 1280 and 700 px, light and dark`, async ({ page }) => {
      test.setTimeout(120_000);
      const dataDir = await makeDataDir();
      // Folders the desktop app remembered in this data folder: Settings lists them (the browser host remembers none).
      const folders = { library: '/home/admin/Documents/Library exports/2026 summer campaign', twilio: '/home/admin/Downloads/twilio' };
      await fs.writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ downloadFolders: folders }));
      host = await startHost(dataDir);
      await page.goto(host.url);
      const nav = page.getByRole('navigation', { name: say('shell', 'nav.label') });

      await nav.getByRole('button', { name: /Sandbox media library/ }).click();
      const grid = page.getByRole('grid');
      await grid.locator('[role="row"][data-name]').first().dblclick();
      await expect(grid.locator('.col-createdBy .person-mark').first()).toBeVisible();
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const width of [...SIZES, CREATORS_FROM]) {
          await page.setViewportSize({ width, height: 800 });
          expect.soft(await page.evaluate(tableCuts), `${lang} ${width} ${scheme}`).toEqual([]);
          if (width >= CREATORS_FROM) {
            const cells = await page.evaluate(idCells);
            expect(cells.length).toBeGreaterThan(0);
            for (const cell of cells) {
              expect.soft(cell.shown, `${lang}: created ${cell.column} shows ${cell.shown} characters of ${cell.id}`).toBeGreaterThanOrEqual(Math.min(ID_CHARS, cell.id.length));
            }
          }
          if (width !== CREATORS_FROM) await save(page, lang, 'library', width, scheme);
        }
      }

      await page.setViewportSize({ width: 1280, height: 800 });
      await nav.getByRole('button', { name: say('shell', 'nav.settings'), exact: true }).click();
      const remembered = page.getByRole('group', { name: say('settings', 'folders.legend') });
      await expect(remembered.getByText(folders.library)).toBeVisible();
      await remembered.scrollIntoViewIfNeeded();
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const width of SIZES) {
          await page.setViewportSize({ width, height: 800 });
          await remembered.scrollIntoViewIfNeeded();
          expect.soft(await page.evaluate(folderLabelLines), `${lang} ${width} ${scheme}: lines of each folder label`).toEqual([1, 1]);
          expect.soft(await page.evaluate(pageScrollsSideways), `${lang} ${width}: sideways`).toBe(false);
          await save(page, lang, 'settings', width, scheme);
        }
      }
    });
  });
}
