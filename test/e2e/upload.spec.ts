// Uploading through the generic media upload service, as a user does it: drop files, see them checked, send,
// watch the queue; a file that is not what its name says is refused before anything is sent; a server's refusal
// is shown in its own words; a large upload can be cancelled half-way and retried; one refused as too large is not
// offered again, and its kept copy is removed.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dropFiles, dropped } from './support/drop';
import { jpeg, mp4, png } from './support/media';
import { createSlowAccount, startSlowUploadServer } from './support/slow-upload-server';
import { ARTIFACTS, makeDataDir, startHost, type RunningHost } from './host';

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

async function openSandboxUpload(page: Page): Promise<void> {
  host = await startHost(await makeDataDir());
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Accounts and tools' }).getByRole('button', { name: /Sandbox upload/ }).click();
  await expect(page.getByRole('heading', { name: /Sandbox upload/ })).toBeVisible();
}

async function addRecipient(page: Page, recipient: string): Promise<void> {
  await page.getByLabel('Recipients').fill(recipient);
  await page.getByLabel('Recipients').press('Enter');
}

test('dropped JPEG and MP4 files are checked, uploaded, and their media_url shown', async ({ page }) => {
  await openSandboxUpload(page);
  await dropFiles(page, '.dropzone', [dropped('beach.jpg', 'image/jpeg', jpeg()), dropped('clip.mp4', 'video/mp4', mp4())]);
  const files = page.getByRole('list', { name: 'Files to send' });
  await expect(files.getByText('JPEG photo')).toBeVisible();
  await expect(files.getByText('MP4 video')).toBeVisible();
  await addRecipient(page, '+15551230000');
  await page.getByLabel('Description').fill('Summer');
  await page.screenshot({ path: path.join(ARTIFACTS, 'upload-ready.png'), fullPage: true });
  await page.getByRole('button', { name: 'Upload 2 files' }).click();

  const history = page.getByRole('list').filter({ has: page.getByRole('listitem', { name: /beach\.jpg/ }) });
  await expect(page.getByRole('listitem', { name: 'beach.jpg: Done' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'clip.mp4: Done' })).toBeVisible();
  const mediaUrl = await page.getByRole('listitem', { name: 'beach.jpg: Done' }).locator('.mono').textContent();
  const sandboxUrl = new URL(mediaUrl ?? '').origin;
  expect(sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  await expect(history).toBeVisible();
  await page.screenshot({ path: path.join(ARTIFACTS, 'upload-done.png'), fullPage: true });
});

test('a PNG named .jpg is refused with the reason next to it, and nothing is sent', async ({ page }) => {
  await openSandboxUpload(page);
  await dropFiles(page, '.dropzone', [dropped('holiday.jpg', 'image/jpeg', png())]);
  await expect(page.getByText('"holiday.jpg" is a PNG image, not a JPEG.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Upload', exact: true })).toBeDisabled();
  await page.getByRole('navigation', { name: 'Accounts and tools' }).getByRole('button', { name: 'Transfers' }).click();
  await expect(page.getByText('No transfers yet.')).toBeVisible();
});

test("the server's own error message is shown for a refused upload", async ({ page }) => {
  await openSandboxUpload(page);
  await dropFiles(page, '.dropzone', [dropped('receipt.jpg', 'image/jpeg', jpeg())]);
  await expect(page.getByRole('list', { name: 'Files to send' }).getByText('JPEG photo')).toBeVisible();
  // The sandbox answers this recipient with its "not enough credit" error (see its sandbox-accounts.json).
  await addRecipient(page, '+15550000402');
  await page.getByRole('button', { name: 'Upload 1 file' }).click();
  const row = page.getByRole('listitem', { name: 'receipt.jpg: Failed' });
  await expect(row).toBeVisible();
  await expect(row.getByRole('alert')).toContainText('Not enough credit');
  await page.screenshot({ path: path.join(ARTIFACTS, 'upload-refused.png'), fullPage: true });
});

test('a large upload can be cancelled half-way, and retried', async ({ page }) => {
  const server = await startSlowUploadServer();
  try {
    host = await startHost(await makeDataDir());
    await page.goto(host.url);
    await createSlowAccount(page, host.origin, server);
    // An account made through the API while the page loads can still be missed (see host-gone.spec): load again.
    await page.reload();
    await page.getByRole('navigation', { name: 'Accounts and tools' }).getByRole('button', { name: 'Slow provider' }).click();
    await dropFiles(page, '.dropzone', [dropped('long-video.mp4', 'video/mp4', mp4(12 * 1024 * 1024))]);
    await expect(page.getByRole('list', { name: 'Files to send' }).getByText('MP4 video')).toBeVisible();
    // Without a recipient the account's %sms_to% cannot be filled: said at once, nothing queued.
    await page.getByRole('button', { name: 'Upload 1 file' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Enter at least one recipient' })).toBeVisible();
    await addRecipient(page, '+15559990000');
    await page.getByRole('button', { name: 'Upload 1 file' }).click();

    const uploading = page.getByRole('listitem', { name: 'long-video.mp4: Uploading' });
    await expect(uploading.getByText(/ of 12 MiB/)).toBeVisible();
    await uploading.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('listitem', { name: 'long-video.mp4: Cancelled' })).toBeVisible();
    await expect.poll(() => server.requests[0]?.aborted).toBe(true);
    expect(server.requests[0]?.complete).toBe(false);

    server.fast();
    await page.getByRole('listitem', { name: 'long-video.mp4: Cancelled' }).getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('listitem', { name: 'long-video.mp4: Done' })).toBeVisible({ timeout: 30_000 });
    expect(server.requests.at(-1)?.complete).toBe(true);
  } finally {
    await server.close();
  }
});

test('an upload refused as too large (413) offers no Retry, says why, and keeps no copy', async ({ page }) => {
  const server = await startSlowUploadServer();
  server.refuse(413, 'Files over 1 KiB are not accepted here.');
  try {
    host = await startHost(await makeDataDir());
    await page.goto(host.url);
    await createSlowAccount(page, host.origin, server);
    // An account made through the API while the page loads can still be missed (see host-gone.spec): load again.
    await page.reload();
    await page.getByRole('navigation', { name: 'Accounts and tools' }).getByRole('button', { name: 'Slow provider' }).click();
    await dropFiles(page, '.dropzone', [dropped('poster.jpg', 'image/jpeg', jpeg())]);
    await expect(page.getByRole('list', { name: 'Files to send' }).getByText('JPEG photo')).toBeVisible();
    await addRecipient(page, '+15559990000');
    await page.getByRole('button', { name: 'Upload 1 file' }).click();

    const row = page.getByRole('listitem', { name: 'poster.jpg: Failed' });
    await expect(row.getByRole('alert')).toContainText('Files over 1 KiB are not accepted here.');
    await expect(row.getByTestId('transfer-retry-refused')).toHaveText('The server does not take a file this large, so a retry would be refused the same way: none is offered.');
    await expect(row.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await expect.poll(() => fs.readdir(path.join(host.dataDir, 'transfer-files')).catch(() => [])).toEqual([]);
    expect(server.requests).toHaveLength(1);
  } finally {
    await server.close();
  }
});

test("an account is made from the provider's Account XML", async ({ page }) => {
  host = await startHost(await makeDataDir());
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Accounts and tools' }).getByRole('button', { name: '+ Add account', exact: true }).click();
  await page.getByRole('button', { name: 'Choose media upload' }).click();
  await page.getByRole('button', { name: 'Import Account XML…' }).click();
  await page.getByRole('textbox', { name: 'Account XML' }).fill(`<account>
  <username>carol</username><password>Xml-Secret-42</password><apikey>k-123</apikey>
  <genericMediaUploadUrl>https://media.example.com/up?u=%account[username]%</genericMediaUploadUrl>
  <genericMediaUploadMethod>put</genericMediaUploadMethod>
  <genericMediaUploadMultipartData>key=%account[apikey]%&amp;file=%media_content%</genericMediaUploadMultipartData>
</account>`);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByLabel('Upload URL (genericMediaUploadUrl)')).toHaveValue('https://media.example.com/up?u=%account[username]%');
  await expect(page.getByLabel('User name', { exact: true })).toHaveValue('carol');
  await expect(page.getByLabel('Other account variables')).toHaveValue('apikey=k-123');
  await page.getByLabel('Account name').fill('From XML');
  await page.getByRole('button', { name: 'Add account', exact: true }).click();
  await expect(page.getByRole('heading', { name: /From XML/ })).toBeVisible();
  await page.getByText('Connection', { exact: true }).click();
  await expect(page.getByText('PUT', { exact: true })).toBeVisible();
});
