// A large video chosen in the browser host goes to main as a form (renderer/src/bridge/http-bridge.ts,
// main/webhost/stage-form.ts): what main stages is the chosen file byte for byte, checked and uploaded like any
// other.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { mp4 } from './support/media';
import { makeDataDir, startHost, type RunningHost } from './host';

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

test('a 45 MiB video is staged as one form with the same bytes, checked and uploaded', async ({ page }) => {
  const dataDir = await makeDataDir();
  // Under the sandbox's 50 MiB. A real MP4 whose media data is random: a byte lost, added or moved (the form's own
  // bytes kept, a boundary matched inside the data) would change the hash.
  const video = mp4(45 * 1024 * 1024);
  randomBytes(video.length - 4096).copy(video, 4096);
  const file = path.join(dataDir, 'long-video.mp4');
  await fs.writeFile(file, video);
  host = await startHost(dataDir);
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Accounts and tools' }).getByRole('button', { name: /Sandbox upload/ }).click();
  const stagings: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/stage')) stagings.push(`${request.method()} ${request.headers()['content-type']?.split(';')[0] ?? ''}`);
  });
  await page.getByTestId('file-input').setInputFiles(file);
  const files = page.getByRole('list', { name: 'Files to send' });
  await expect(files.getByText('MP4 video')).toBeVisible({ timeout: 60_000 });
  expect(stagings).toEqual(['POST multipart/form-data']);
  const staged = await fs.readdir(path.join(dataDir, 'staging'));
  expect(staged).toHaveLength(1);
  expect(sha256(await fs.readFile(path.join(dataDir, 'staging', staged[0] ?? '')))).toBe(sha256(video));

  await page.getByLabel('Recipients').fill('+15551230000');
  await page.getByLabel('Recipients').press('Enter');
  await page.getByRole('button', { name: 'Upload 1 file' }).click();
  await expect(page.getByRole('listitem', { name: 'long-video.mp4: Done' })).toBeVisible({ timeout: 60_000 });
});
