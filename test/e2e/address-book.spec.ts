// The address book in Chromium through the browser host: names added on its screen and imported from a CSV file
// (a refused row named by its line), then shown in the library's ACL editor, its summary and its review, with the
// id on hover and "(you)" whole, wide and narrow, light and dark. Every screen is scanned with axe.
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readSandboxLibrary } from './support/library-rest';
import { ARTIFACTS, makeDataDir, startHost, type RunningHost } from './host';

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: ${v.id} (${v.nodes.length}) ${v.help} — ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
}

/** Light and dark, scanned and photographed. */
async function bothSchemes(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectAccessible(page, `${name} (${scheme})`);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('names added and imported in the address book are shown in the ACL editor, its summary and its review', async ({ page }) => {
  test.setTimeout(480_000); // a dozen axe scans and screenshots on a shared machine
  host = await startHost(await makeDataDir());
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  const library = await readSandboxLibrary(host.dataDir);
  const me = library.demo.userId;
  const other = library.other.userId;
  const nav = page.getByRole('navigation', { name: 'Accounts and tools' });

  await nav.getByRole('button', { name: 'Address book' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Address book' })).toBeVisible();
  await page.getByRole('button', { name: 'Add a name…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a name' });
  await dialog.getByLabel('Id', { exact: true }).fill(me);
  await dialog.getByLabel('Name', { exact: true }).fill('Dana Demo-Administrator of the Northern Regional Office');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog).toHaveCount(0);

  const csv = [
    'id,kind,name,note',
    `${other},user,"Jones, Carla","Sales team\nBerlin office"`,
    `${library.demo.appId},app,Media Desk (demo),`,
    `${library.other.appId},app,=Partner Portal,Imported from the partner's list`,
    'bad/id,user,Nobody,',
  ].join('\r\n');
  await page.getByTestId('address-import-file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('3 entries added, 0 updated, 0 unchanged. 1 row could not be imported:');
  await expect(report.getByRole('listitem')).toHaveText(['Line 6 (id bad/id): The id: This id cannot be used: it contains a slash.']);
  await expect(page.locator(`tr[data-id="${other}"]`)).toContainText('Jones, Carla');
  await bothSchemes(page, 'address-book');

  // Remove asks first.
  await page.getByRole('button', { name: 'Remove =Partner Portal' }).click();
  await expect(page.getByRole('dialog', { name: 'Remove “=Partner Portal”?' })).toBeVisible();
  await bothSchemes(page, 'address-book-remove');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // The library: the editor names the people.
  await nav.getByRole('button', { name: /Sandbox media library/ }).click();
  await page.getByRole('grid').locator('[role="row"][data-name="from-colleague"]').click();
  await page.keyboard.press('Control+i');
  const details = page.getByRole('complementary');
  await expect(details.getByText('Jones, Carla').first()).toBeVisible();
  await expect(details.getByText(other).first()).toBeVisible();
  await bothSchemes(page, 'library-details-names');

  await page.getByRole('button', { name: 'Close the details' }).click();
  await page.getByRole('searchbox', { name: 'Filter by name' }).fill('photos');
  await page.getByRole('grid').locator('[role="row"][data-name="photos"]').dblclick();
  await expect(page.getByRole('navigation', { name: 'Location' }).locator('[aria-current="page"]')).toHaveText('photos');
  await page.getByRole('grid').locator('[role="row"][data-name="sunset.jpg"]').click();
  await page.getByRole('button', { name: 'File permissions…' }).click();
  const editor = page.getByTestId('acl-editor');
  await editor.getByRole('button', { name: 'Only me' }).click();
  await editor.getByRole('textbox', { name: 'Add users who can read' }).fill(other);
  await editor.getByRole('textbox', { name: 'Add users who can read' }).press('Enter');
  const readUsers = editor.getByRole('list', { name: /Read · users: 2 listed/ });
  await expect(readUsers).toContainText('Dana Demo-Administrator');
  await expect(readUsers.getByText('(you)')).toBeVisible();
  await expect(readUsers.locator('.person').first()).toHaveAttribute('title', `Dana Demo-Administrator of the Northern Regional Office (${me})`);
  // The signed-in user is "you" in the summary, whatever the address book calls them; the other user by their name.
  await expect(editor.getByTestId('acl-summary-read')).toHaveText('Who can read: Only you and the user Jones, Carla can read, through any application.');
  await bothSchemes(page, 'acl-editor-names');

  await editor.getByRole('button', { name: 'Review changes…' }).click();
  await expect(editor.getByRole('list', { name: 'Changes to be saved' }).getByRole('listitem').first()).toContainText('Add Dana Demo-Administrator');
  await bothSchemes(page, 'acl-review-names');
  await editor.getByRole('button', { name: 'Back' }).click();

  // Narrow: "(you)" stays whole beside a long name.
  await page.setViewportSize({ width: 700, height: 800 });
  const you = readUsers.getByText('(you)');
  await expect(you).toBeVisible();
  const box = await you.boundingBox();
  const chip = await you.locator('xpath=ancestor::li[1]').boundingBox();
  expect(box && chip && box.x + box.width <= chip.x + chip.width).toBe(true);
  expect(await you.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  await bothSchemes(page, 'acl-editor-names-narrow');
  await editor.getByRole('button', { name: 'Cancel' }).click();
  // The edits were never saved: Cancel asks before throwing them away.
  await page.getByRole('dialog', { name: 'Discard changes?' }).getByRole('button', { name: 'Discard' }).click();

  await page.getByRole('button', { name: 'Menu' }).click();
  await nav.getByRole('button', { name: 'Address book' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Address book' })).toBeVisible();
  await bothSchemes(page, 'address-book-narrow');
});
