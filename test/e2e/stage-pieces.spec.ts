// A large video chosen in the browser host goes to main in pieces, several at once (renderer/src/bridge/http-bridge.ts,
// main/webhost/stage-pieces.ts): what main stages is the chosen file byte for byte, checked and uploaded like any
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

test('a 45 MiB video is staged in pieces as the same bytes, checked and uploaded', async ({ page }) => {
  const dataDir = await makeDataDir();
  // Over the 32 MiB the page sends whole, under the sandbox's 50 MiB. A real MP4 whose media data is random: a piece
  // written at the wrong place would change the hash.
  const video = mp4(45 * 1024 * 1024);
  randomBytes(video.length - 4096).copy(video, 4096);
  const file = path.join(dataDir, 'long-video.mp4');
  await fs.writeFile(file, video);
  host = await startHost(dataDir);
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Accounts and tools' }).getByRole('button', { name: /Sandbox upload/ }).click();
  const pieces: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'PUT' && request.url().includes('/api/stage/pieces/')) pieces.push(new URL(request.url()).searchParams.get('offset') ?? '');
  });
  await page.getByTestId('file-input').setInputFiles(file);
  const files = page.getByRole('list', { name: 'Files to send' });
  await expect(files.getByText('MP4 video')).toBeVisible({ timeout: 60_000 });
  expect(pieces.sort()).toEqual(['0', String(32 * 1024 * 1024)]);
  const staged = await fs.readdir(path.join(dataDir, 'staging'));
  expect(staged).toHaveLength(1);
  expect(sha256(await fs.readFile(path.join(dataDir, 'staging', staged[0] ?? '')))).toBe(sha256(video));

  await page.getByLabel('Recipients').fill('+15551230000');
  await page.getByLabel('Recipients').press('Enter');
  await page.getByRole('button', { name: 'Upload 1 file' }).click();
  await expect(page.getByRole('listitem', { name: 'long-video.mp4: Done' })).toBeVisible({ timeout: 60_000 });
});
