// The access-list editor's review of one list applied to a folder and all its files, through the browser host and the
// sandbox library: it names the files whose own list it replaces, and points out a user id typed that does not look
// whole ("US12"), without refusing it; in English and Japanese, wide and narrow, light and dark, each screen checked
// by axe and saved as test-results/screens/acl-review-<lang>-<width>-<scheme>.png.
import { expect, test } from '@playwright/test';
import { english } from '../../main/common/i18n/catalogue';
import { ja } from '../../main/common/i18n/locales/ja/index';
import { makeDataDir, startHost, type RunningHost } from './host';
import { createFolder, putAcl, putFile, readSandboxLibrary } from './support/library-rest';
import { jpeg } from './support/media';
import { widthAndSchemeScreens } from './support/screens';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
});

for (const [lang, locale, words] of [
  ['en', 'en-US', english],
  ['ja', 'ja-JP', ja],
] as const) {
  test.describe(lang, () => {
    test.use({ locale });

    test('the review names the files whose own list it replaces, and a user id that does not look whole', async ({ page }) => {
      test.setTimeout(180_000);
      const library = words.library;
      host = await startHost(await makeDataDir());
      await page.goto(host.url);
      const { demo } = await readSandboxLibrary(host.dataDir);
      await createFolder(demo, 'team');
      const names = ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg', 'f.jpg', 'g.jpg', 'plain.jpg'];
      for (const name of names) await putFile(demo, 'team', name, jpeg(32, 24));
      for (const name of names.slice(0, 7)) await putAcl(demo, ['team', name], { readUsers: [demo.userId], readApps: [], writeUsers: [demo.userId], writeApps: [] });

      await page.getByRole('navigation').first().getByRole('button', { name: /Sandbox media library/ }).click();
      await page.getByRole('grid').locator('[role="row"][data-name="team"]').dblclick();
      await expect(page.getByRole('grid').locator('[role="row"][data-name="plain.jpg"]')).toBeVisible();
      await page.getByRole('button', { name: library['toolbar.folderPermissions'] }).click();
      const editor = page.getByTestId('acl-editor');
      await editor.getByRole('button', { name: library['acl.preset.onlyMe'] }).click();
      const add = editor.getByRole('textbox', { name: library['aclList.readUsers.add'] });
      await add.fill('US12');
      await add.press('Enter');
      await expect(editor.locator('[data-list="readUsers"]').getByTestId('acl-unsure-ids')).toContainText('US12');
      // "Also apply to every file in this folder (8 files)", the one box of this step.
      await editor.getByRole('checkbox').check();
      await editor.getByRole('button', { name: library['acl.review'] }).click();
      const replaced = editor.getByTestId('acl-replaced');
      await expect(replaced).toContainText('a.jpg');
      await expect(replaced).toContainText(lang === 'en' ? 'It replaces the own lists of 7 files: a.jpg, b.jpg, c.jpg, d.jpg, e.jpg and 2 more.' : '7 件');
      await expect(replaced).not.toContainText('plain.jpg');
      await expect(editor.getByTestId('acl-unsure-ids')).toContainText('US12');
      await expect(editor.getByRole('button', { name: library['acl.apply.tree'] })).toBeEnabled();
      await widthAndSchemeScreens(page, `acl-review-${lang}`);
    });
  });
}
