// The media library as an admin uses it, in Chromium through the browser host with the embedded sandbox behind it:
// browse the demo domain with the mouse and the keyboard, create a folder, drop a JPEG onto it, open its details
// (the preview loads), play the voicemail, download with the conflict question, delete with a confirmation that
// names what goes, edit and save access lists (summary, diff, lock-out warning, a result per file), and open a
// folder of 10,000 files with only a window of rows in the page. Every screen is scanned with axe.
import path from 'node:path';
import { promises as fs } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { dropFiles, dropped } from './support/drop';
import { createFolder, putAcl, putFile, readSandboxLibrary, rest, type SandboxLibrary } from './support/library-rest';
import { jpeg, mp4, png } from './support/media';
import { execFileSync } from 'node:child_process';
import { shortId } from '../../main/common/address-book';
import { ARTIFACTS, makeDataDir, startHost, type RunningHost } from './host';

// Each test has its own host and data dir: they may run side by side (the 10,000-file one takes minutes).
test.describe.configure({ mode: 'parallel' });

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function expectAccessible(page: Page, screen: string, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: ${v.id} (${v.nodes.length}) ${v.help} — ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
}

/** Starts a host on a fresh data dir and opens the sandbox's library account. */
async function openLibrary(page: Page): Promise<SandboxLibrary> {
  host = await startHost(await makeDataDir());
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Accounts and tools' }).getByRole('button', { name: /Sandbox media library/ }).click();
  const library = await readSandboxLibrary(host.dataDir);
  await expect(grid(page)).toBeVisible();
  return library;
}

const grid = (page: Page): Locator => page.getByRole('grid');
const row = (page: Page, name: string): Locator => grid(page).locator(`[role="row"][data-name="${name}"]`);
const bodyRows = (page: Page): Locator => page.getByTestId('lib-grid-body').getByRole('row');
const notices = (page: Page): Locator => page.getByRole('region', { name: 'Notifications' });

async function openFolder(page: Page, name: string): Promise<void> {
  await row(page, name).dblclick();
  await expect(page.getByRole('navigation', { name: 'Location' }).locator('[aria-current="page"]')).toHaveText(name);
}

test('browse the demo domain, create a folder, drop a JPEG on it, preview it, play the voicemail', async ({ page }) => {
  const library = await openLibrary(page);
  const folders = grid(page);
  await expect(folders).toHaveAttribute('aria-label', `Folders in domain ${library.demo.domain}`);
  for (const name of ['photos', 'videos', 'from-colleague', 'partner-drop', '26919119']) await expect(row(page, name)).toBeVisible();
  await expect(row(page, 'colleague-private')).toHaveCount(0);
  await expect(row(page, 'photos')).toContainText('(you)');
  await expectAccessible(page, 'library folders');
  await screenshot(page, 'library-folders');

  // The keyboard: filter, into the table, Enter opens, Backspace goes up, Alt+Up too.
  await page.getByRole('searchbox', { name: 'Filter by name' }).fill('pho');
  await expect(bodyRows(page)).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Filter by name' }).press('ArrowDown');
  await expect(folders).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('grid', { name: 'Files in folder photos' })).toBeVisible();
  await expect(row(page, 'sunset.jpg')).toContainText('JPEG image');
  await page.keyboard.press('Backspace');
  await expect(page.getByRole('grid', { name: /Folders in domain/ })).toBeVisible();
  await expect(row(page, 'photos')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('grid', { name: 'Files in folder photos' })).toBeVisible();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByRole('grid', { name: /Folders in domain/ })).toBeVisible();

  // Sorting by a column.
  await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
  await expect(bodyRows(page).first()).toHaveAttribute('data-name', 'videos');
  await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();

  // A new folder, then a JPEG dropped onto its row.
  await page.getByRole('button', { name: 'New folder…' }).click();
  await page.getByLabel('Folder name').fill('bad/name');
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('it contains a slash');
  await page.getByLabel('Folder name').fill('holiday');
  await page.getByRole('button', { name: 'Create folder' }).click();
  await expect(row(page, 'holiday')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('Folder "holiday" created.')).toBeVisible();
  // Empty, it says what to do.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lib-empty')).toHaveText('The folder "holiday" is empty. Drop JPEG photos or MP4 videos here, or choose Upload files.');
  await page.keyboard.press('Backspace');
  await expect(row(page, 'holiday')).toBeVisible();

  await dropFiles(page, '[data-drop-folder="holiday"]', [dropped('beach.jpg', 'image/jpeg', jpeg(640, 480))]);
  await expect(page.getByRole('listitem', { name: 'beach.jpg: Done' })).toBeVisible();
  // Said in the notice area while it ran, and not left behind once it is done.
  await expect(notices(page)).not.toContainText('Uploading 1 file into "holiday"');
  const saved = await rest(library.demo, 'GET', ['holiday', 'beach.jpg'], undefined, 'application/octet-stream');
  expect(saved.status).toBe(200);
  expect(saved.body.equals(jpeg(640, 480))).toBe(true);

  await openFolder(page, 'holiday');
  await expect(row(page, 'beach.jpg')).toContainText('JPEG image');
  // Dropped onto the open folder's view: a PNG named .jpg is refused by its bytes, a name already there is asked
  // about, and the table shows the new file when its upload is done.
  await dropFiles(page, '[data-testid="lib-drop-area"]', [dropped('fake.jpg', 'image/jpeg', png()), dropped('beach.jpg', 'image/jpeg', jpeg(320, 200))]);
  const conflict = page.getByTestId('conflict-dialog');
  await expect(conflict).toContainText('beach.jpg already exists in folder "holiday".');
  await conflict.getByRole('button', { name: 'Keep both' }).click();
  await expect(notices(page)).toContainText('fake.jpg: "fake.jpg" is a PNG image, not a JPEG.');
  await expect(row(page, 'beach (1).jpg')).toBeVisible();
  // Chosen with the file picker.
  await page.getByTestId('lib-file-input').setInputFiles({ name: 'clip.mp4', mimeType: 'video/mp4', buffer: mp4() });
  await expect(row(page, 'clip.mp4')).toContainText('MP4 video');

  // Its details: every property and the preview, loaded through the app's media URL.
  await row(page, 'beach.jpg').click();
  await page.keyboard.press('Control+i');
  const details = page.getByRole('complementary');
  await expect(details.getByRole('heading', { name: 'beach.jpg' })).toBeVisible();
  const preview = details.getByRole('img', { name: 'Preview of beach.jpg' });
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640);
  expect(await preview.getAttribute('src')).toMatch(/^\/media\/m_[a-f0-9]{32}$/);
  await expect(details.getByText(`${jpeg(640, 480).length.toLocaleString('en-US')} bytes`)).toBeVisible();
  await expect(details.getByText(library.demo.appId, { exact: true })).toBeVisible();
  await expect(details.getByText("None of its own: it follows its folder's")).toBeVisible();
  await expectAccessible(page, 'library details');
  await screenshot(page, 'library-details');

  // The voicemail, played through the media stream.
  await page.getByRole('button', { name: library.demo.domain }).click();
  await openFolder(page, '26919119');
  await row(page, '26919119.mp3').click();
  await expect(row(page, '26919119.mp3')).toContainText('Voicemail (MP3)');
  await expect(details.getByText('tel:+15005550006', { exact: true })).toBeVisible();
  const audio = details.locator('audio');
  await expect(audio).toHaveAttribute('src', /^\/media\/m_/);
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState), { timeout: 15_000 }).toBeGreaterThan(0);
  expect(await audio.evaluate((a: HTMLAudioElement) => Number.isFinite(a.duration) && a.duration > 0)).toBe(true);
  await screenshot(page, 'library-voicemail');
});

test('edit and save an access list: presets, paste-many, summary, diff, state read back, and the lock-out warning', async ({ page }) => {
  const library = await openLibrary(page);
  const me = library.demo.userId;
  const other = library.other.userId;
  // Sentences say an id the address book does not name by its first characters (the whole id is on hover).
  const otherShort = shortId(other);
  await openFolder(page, 'photos');
  await row(page, 'sunset.jpg').click();
  await page.getByRole('button', { name: 'File permissions…' }).click();
  const editor = page.getByTestId('acl-editor');
  await expect(editor.getByRole('heading', { name: 'Permissions of "sunset.jpg"' })).toBeVisible();
  // No list of its own: it follows the folder, which only its creator may use.
  await expect(editor.getByTestId('acl-summary-read')).toHaveText('Who can read: Only the creator (you) can read.');

  await editor.getByRole('button', { name: 'Only me' }).click();
  await expect(editor.getByTestId('acl-summary-read')).toHaveText('Who can read: Only you can read, through any application.');
  // Paste many: three ids at once into "read users", one of them not an id at all.
  const readUsers = editor.getByRole('textbox', { name: 'Add users who can read' });
  await readUsers.evaluate((input, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, `${other}\nauditor-7, bad/id`);
  await expect(editor.getByRole('list', { name: /Read · users: 3 listed/ })).toBeVisible();
  await expect(editor.getByRole('alert').filter({ hasText: 'Not added: "bad/id" (it contains a slash)' })).toBeVisible();
  await expect(editor.getByTestId('acl-summary-read')).toHaveText(`Who can read: Only you and the users ${otherShort} and auditor-7 can read, through any application.`);
  await editor.getByRole('button', { name: 'Remove auditor-7 from read · users' }).click();
  await expect(editor.getByTestId('acl-summary-read')).toHaveText(`Who can read: Only you and the user ${otherShort} can read, through any application.`);
  await expectAccessible(page, 'ACL editor');
  await screenshot(page, 'library-acl-editor');

  await editor.getByRole('button', { name: 'Review changes…' }).click();
  const diff = editor.getByRole('list', { name: 'Changes to be saved' });
  await expect(diff.getByRole('listitem')).toHaveText([`+ Add ${me} to read · users`, `+ Add ${other} to read · users`, `+ Add ${me} to write · users`]);
  await screenshot(page, 'library-acl-review');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByText('Saved. This is the access list as the server now has it:')).toBeVisible();
  await expect(editor.locator('.acl-lists-view').getByText(me, { exact: true }).first()).toBeVisible();
  await expect(editor.locator('.acl-lists-view').getByText(other, { exact: true }).first()).toBeVisible();
  // The other user can now read it; before, he could not.
  expect((await rest(library.other, 'GET', ['photos', 'sunset.jpg'])).status).toBe(200);

  // Taking himself out of both lists: the warning, and a save that waits for his confirmation.
  await editor.getByRole('button', { name: 'Edit again' }).click();
  await editor.getByRole('button', { name: `Remove ${me} from read · users` }).click();
  await editor.getByRole('button', { name: `Remove ${me} from write · users` }).click();
  await editor.getByRole('textbox', { name: 'Add users who can write' }).fill(other);
  await editor.getByRole('textbox', { name: 'Add users who can write' }).press('Enter');
  const warning = 'After saving, you (through this app) will no longer be able to read or change this, nor undo this change.';
  await expect(editor.getByRole('alert').filter({ hasText: warning })).toBeVisible();
  await editor.getByRole('button', { name: 'Review changes…' }).click();
  await expect(editor.getByText('You are about to lock yourself out.')).toBeVisible();
  const save = editor.getByRole('button', { name: 'Save' });
  await expect(save).toBeDisabled();
  await expectAccessible(page, 'ACL lock-out warning');
  await screenshot(page, 'library-acl-lockout');
  await editor.getByLabel('I understand: save it anyway').check();
  await save.click();
  await expect(editor.getByText('Saved. You can no longer read this access list')).toBeVisible();
  expect((await rest(library.demo, 'GET', ['photos', 'sunset.jpg'])).status).toBe(403);
  expect((await rest(library.other, 'GET', ['photos', 'sunset.jpg'])).status).toBe(200);
  await editor.getByRole('button', { name: 'Close' }).click();
  await expect(editor).toHaveCount(0);
});

test('one access list for a folder and every file in it, with a result for each file', async ({ page }) => {
  const library = await openLibrary(page);
  const { demo, other } = library;
  await createFolder(demo, 'team');
  for (const name of ['a.jpg', 'b.jpg', 'locked.jpg']) await putFile(demo, 'team', name, jpeg(64, 48));
  // locked.jpg keeps the demo user out of writing: its list cannot be changed by him.
  await putAcl(demo, ['team', 'locked.jpg'], { readUsers: [demo.userId], readApps: [], writeUsers: [other.userId], writeApps: [] });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await openFolder(page, 'team');
  await page.getByRole('button', { name: 'Folder permissions…' }).click();
  const editor = page.getByTestId('acl-editor');
  await editor.getByRole('button', { name: 'Users known in this domain' }).click();
  await expect(editor.getByTestId('acl-summary-read')).toContainText(shortId(other.userId));
  await editor.getByLabel(/Also apply to every file in this folder \(3 files\)/).check();
  await editor.getByRole('button', { name: 'Review changes…' }).click();
  await editor.getByRole('button', { name: 'Apply to the folder and all its files' }).click();
  await expect(editor.getByRole('alert')).toHaveText('3 saved, 1 refused: the refused ones keep their previous access list.');
  const results = editor.getByRole('list', { name: 'Result for each item' });
  await expect(results.getByRole('listitem')).toHaveCount(4);
  await expect(results.getByRole('listitem').filter({ hasText: 'locked.jpg' })).toContainText('Refused: Access to the access list of file "team/locked.jpg" was refused');
  await expect(results.getByRole('listitem').filter({ hasText: 'a.jpg' })).toContainText('Saved');
  await screenshot(page, 'library-acl-bulk-results');
  await editor.getByRole('button', { name: 'Close' }).click();
  // Seen from the other user: the changed files open to him, the refusing one does not.
  expect((await rest(other, 'GET', ['team', 'a.jpg'])).status).toBe(200);
  expect((await rest(other, 'GET', ['team', 'locked.jpg'])).status).toBe(403);

  // Selected files only: Ctrl+click two, apply "only me".
  await row(page, 'a.jpg').click();
  await row(page, 'b.jpg').click({ modifiers: ['ControlOrMeta'] });
  await page.getByRole('button', { name: 'File permissions…' }).click();
  await expect(editor.getByRole('heading', { name: 'Permissions of 2 selected files' })).toBeVisible();
  await editor.getByRole('button', { name: 'Only me' }).click();
  await editor.getByRole('button', { name: 'Review changes…' }).click();
  await editor.getByRole('button', { name: 'Apply to 2 selected files' }).click();
  await expect(editor.getByRole('status').filter({ hasText: 'Saved on all 2 items.' })).toBeVisible();
  await editor.getByRole('button', { name: 'Close' }).click();
  expect((await rest(other, 'GET', ['team', 'a.jpg'])).status).toBe(403);
});

test('download files to the Downloads folder; a name already there is asked about, with "do the same for the rest"', async ({ page }) => {
  await openLibrary(page);
  const target = host.downloads;
  await fs.mkdir(target, { recursive: true });
  await fs.writeFile(path.join(target, 'sunset.jpg'), 'already here');
  await fs.writeFile(path.join(target, 'ocean.jpg'), 'already here too');
  await openFolder(page, 'photos');
  await row(page, 'fractal.jpg').click();
  await row(page, 'sunset.jpg').click({ modifiers: ['Shift'] });
  await expect(page.getByText('3 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Download…' }).click();
  // The browser host cannot show the system's folder dialog: it shows its Downloads folder, which the page cannot change.
  const chooser = page.getByRole('dialog', { name: 'Download 3 files' });
  await expect(chooser).toContainText(target);
  await expect(chooser.getByRole('textbox')).toHaveCount(0);
  await chooser.getByRole('button', { name: 'Download' }).click();

  const conflict = page.getByTestId('conflict-dialog');
  await expect(conflict.getByRole('heading', { name: '2 names are already taken' })).toBeVisible();
  await expect(conflict).toContainText('(1 of 2)');
  await expectAccessible(page, 'download conflict');
  await screenshot(page, 'library-download-conflict');
  // Safe by default: Skip has the focus, and the answer applies to the rest only when ticked.
  await expect(conflict.getByRole('button', { name: 'Skip' })).toBeFocused();
  await expect(conflict.getByLabel('Do the same for the other name already taken')).not.toBeChecked();
  await conflict.getByLabel('Do the same for the other name already taken').check();
  await conflict.getByRole('button', { name: 'Keep both' }).click();
  await expect(page.getByRole('listitem', { name: 'fractal.jpg: Done' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'ocean.jpg: Done' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'sunset.jpg: Done' })).toBeVisible();
  expect((await fs.readdir(target)).sort()).toEqual(['fractal.jpg', 'ocean (1).jpg', 'ocean.jpg', 'sunset (1).jpg', 'sunset.jpg']);
  expect(await fs.readFile(path.join(target, 'sunset.jpg'), 'utf8')).toBe('already here');

  // Again, deciding one by one: replace the first, skip the others.
  await page.getByRole('button', { name: 'Download…' }).click();
  await chooser.getByRole('button', { name: 'Download' }).click();
  await expect(conflict.getByRole('heading', { name: '3 names are already taken' })).toBeVisible();
  await conflict.getByRole('button', { name: 'Replace' }).click();
  await expect(conflict).toContainText('(2 of 3)');
  await conflict.getByRole('button', { name: 'Skip' }).click();
  await conflict.getByRole('button', { name: 'Skip' }).click();
  await expect.poll(async () => (await fs.stat(path.join(target, 'fractal.jpg'))).mtimeMs).toBeGreaterThan(0);
  await expect.poll(async () => (await fs.readdir(target)).length).toBe(5);
  // "Downloading 1 file…" goes when the download ends.
  await expect(notices(page)).not.toContainText('Downloading');
});

test('delete: a confirmation names what goes; a folder with files is deleted with them only when confirmed', async ({ page }) => {
  const library = await openLibrary(page);
  await createFolder(library.demo, 'old-stuff');
  for (const name of ['one.jpg', 'two.jpg']) await putFile(library.demo, 'old-stuff', name, jpeg(32, 32));
  await page.getByRole('button', { name: 'Refresh' }).click();

  // A file, with the Delete key.
  await openFolder(page, 'old-stuff');
  await row(page, 'one.jpg').click();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Delete "one.jpg"?' });
  await expect(confirm).toContainText('From folder old-stuff: one.jpg.');
  await confirm.getByRole('button', { name: 'Delete file' }).click();
  await expect(page.getByText('Deleted 1 file.')).toBeVisible();
  await expect(row(page, 'one.jpg')).toHaveCount(0);

  // A folder that still holds a file: the confirmation says so and names it.
  await page.keyboard.press('Backspace');
  await row(page, 'old-stuff').click();
  await page.keyboard.press('Delete');
  const folderConfirm = page.getByRole('dialog', { name: 'Delete folder "old-stuff"?' });
  await expect(folderConfirm).toContainText('old-stuff — holds 1 file: two.jpg');
  await expect(folderConfirm).toContainText('The library refuses to delete a folder that still holds files');
  await screenshot(page, 'library-delete-folder');
  await folderConfirm.getByRole('button', { name: 'Delete folder and its 1 file' }).click();
  await expect(page.getByText('Deleted 1 folder and 1 file in it.')).toBeVisible();
  await expect(row(page, 'old-stuff')).toHaveCount(0);
  expect((await rest(library.demo, 'GET', ['old-stuff'])).status).toBe(404);

  // A folder he may only read: Delete is not offered, and the bar says why (its access list, read from what he holds).
  await row(page, 'from-colleague').click();
  await expect(page.getByRole('button', { name: 'Delete…' })).toBeDisabled();
  await expect(page.getByTestId('lib-why')).toHaveText('You may not change "from-colleague": its access list does not let you change its permissions or delete it.');
  await page.keyboard.press('Delete');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await screenshot(page, 'library-delete-refused');
  await expect(row(page, 'from-colleague')).toBeVisible();
});

test('a folder of 10,000 files opens fast and scrolls with only a window of rows in the page', async ({ page }) => {
  // 10,000 files through the REST API take minutes (the sandbox rewrites the folder's record for each one), so the
  // sandbox's own seeding hook writes them into the data dir first; the host's embedded sandbox then opens it.
  const dataDir = await makeDataDir();
  execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support/seed-library.mts'), path.join(dataDir, 'sandbox'), 'big', '10000'], { stdio: 'pipe' });
  host = await startHost(dataDir);
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Accounts and tools' }).getByRole('button', { name: /Sandbox media library/ }).click();
  await expect(grid(page)).toBeVisible();

  await page.getByRole('button', { name: 'Refresh' }).click();
  await openFolder(page, 'big');
  await expect(row(page, 'seed-00001.jpg')).toBeVisible();
  await expect(page.getByText('10,000 files')).toBeVisible();
  const counted = async () => bodyRows(page).count();
  expect(await counted()).toBeLessThanOrEqual(200);
  expect(await counted()).toBeGreaterThan(5);

  // Scrolling with the keyboard to the end, and with the wheel through the middle.
  await grid(page).focus();
  await page.keyboard.press('End');
  await expect(row(page, 'seed-10000.jpg')).toBeVisible();
  await expect(row(page, 'seed-10000.jpg')).toHaveAttribute('aria-selected', 'true');
  expect(await counted()).toBeLessThanOrEqual(200);
  await grid(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
  await expect(row(page, 'seed-05000.jpg')).toBeAttached();
  expect(await counted()).toBeLessThanOrEqual(200);
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 1500);
  expect(await counted()).toBeLessThanOrEqual(200);
  await screenshot(page, 'library-10000-files');

  await page.keyboard.press('Control+a');
  await expect(page.getByText('10,000 selected')).toBeVisible();
  await page.keyboard.press('Escape');

  // Sorting and filtering the 10,000.
  await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
  await expect(bodyRows(page).first()).toHaveAttribute('data-name', 'seed-10000.jpg');
  await page.getByRole('searchbox', { name: 'Filter by name' }).fill('seed-0500');
  await expect(bodyRows(page)).toHaveCount(10);
  await expect(page.getByText('showing 10')).toBeVisible();
});

test('the browser in dark and narrow windows', async ({ page }) => {
  await openLibrary(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await openFolder(page, 'videos');
  await row(page, 'clip.mp4').click();
  await page.keyboard.press('Control+i');
  await expect(page.getByRole('complementary').getByTestId('preview-video')).toBeVisible();
  await expect.poll(() => page.getByTestId('preview-video').evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThan(0);
  await expectAccessible(page, 'library dark');
  await screenshot(page, 'library-dark');
  await page.setViewportSize({ width: 700, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
  await expectAccessible(page, 'library narrow');
  await screenshot(page, 'library-narrow');
});
