// A large video chosen in the browser host goes to main as a form (renderer/src/bridge/http-bridge.ts,
// main/webhost/stage-form.ts): what main stages is the chosen file byte for byte, checked and uploaded like any
// other. A large file the host refuses before its end is not sent in full: the page shows the host's reason at once.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { mp4 } from './support/media';
import { ARTIFACTS, makeDataDir, startHost, type RunningHost } from './host';

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

/** Bytes the process has read so far, from files and sockets alike (Linux). */
const bytesRead = (pid: number): number => Number(/^rchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1]);

const MiB = 1024 * 1024;

test.describe('a large file the host refuses before its end', () => {
  test.skip(process.platform !== 'linux', 'reads the host\'s /proc/<pid>/io');
  for (const { what, size, blockStaging, said } of [
    // The staging cannot write (its folder replaced by a file): refused at the file part's first bytes, in words
    // that name the folder and what to do.
    {
      what: 'a staging that cannot write',
      size: 256 * MiB,
      blockStaging: true,
      said: /^Could not receive the file "notes\.mp4": the folder where Media Desk keeps received files, \S+staging, is not a folder it can write in \(something else is in its place\)\. Remove what is there, or restart Media Desk, which makes the folder again\.$/,
    },
    // Over the 4 GiB the host takes: refused from the form's length, before its body.
    { what: 'a file over the size limit', size: 4 * 1024 * MiB + MiB, blockStaging: false, said: '"notes.mp4" is larger than 4.0 GiB, the most the browser host accepts for one file.' },
  ]) {
    test(`${what}: the page shows the host's reason, and the host reads only a few MiB of it`, async ({ page }) => {
      const dataDir = await makeDataDir();
      // Sparse, text at the start and zeros after: no media at all, and no disk spent.
      const file = path.join(dataDir, 'notes.mp4');
      await fs.writeFile(file, 'not a video, only text\n'.repeat(1000));
      await fs.truncate(file, size);
      host = await startHost(dataDir);
      await page.goto(host.url);
      await page.getByRole('navigation', { name: 'Accounts and tools' }).getByRole('button', { name: /Sandbox upload/ }).click();
      await expect(page.getByRole('heading', { name: /Sandbox upload/ })).toBeVisible();
      if (blockStaging) {
        await fs.rm(path.join(dataDir, 'staging'), { recursive: true, force: true });
        await fs.writeFile(path.join(dataDir, 'staging'), 'in the way');
      }
      const pid = host.process.pid ?? 0;
      const before = bytesRead(pid);
      await page.getByTestId('file-input').setInputFiles(file);
      const item = page.getByRole('list', { name: 'Files to send' }).getByRole('listitem');
      await expect(item.getByText(said)).toBeVisible();
      // Read to its end, the refused file would be 256 MiB or more; the socket buffers of both sides hold a few MiB.
      expect(bytesRead(pid) - before).toBeLessThan(32 * MiB);
      await page.screenshot({ path: path.join(ARTIFACTS, `stage-refused-${blockStaging ? 'staging' : 'size'}.png`) });
    });
  }
});
