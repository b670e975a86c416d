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

// A large file takes tens of seconds to copy to the host: the page shows the copy as it goes (bytes, speed, time
// left, from the host's own count over the events stream) with a Cancel that leaves nothing in staging/.
test.describe('a large file being copied to the host', () => {
  for (const { locale, lang, copying, cancel } of [
    { locale: 'en-US', lang: 'en', copying: 'Copying to the browser host', cancel: 'Cancel copying big-video.mp4' },
    { locale: 'ja-JP', lang: 'ja', copying: 'ブラウザーホストにコピーしています', cancel: 'big-video.mp4 のコピーをキャンセル' },
  ]) {
    test.describe(lang, () => {
      test.use({ locale });
      test(`shows its progress in the upload view and the library, and Cancel leaves staging/ empty (${lang})`, async ({ page }) => {
        test.setTimeout(240_000);
        const dataDir = await makeDataDir();
        // Sparse: no disk spent by the source; just under the host's 4 GiB, so the copy lasts through the screenshots.
        const file = path.join(dataDir, 'big-video.mp4');
        await fs.writeFile(file, 'not a video yet\n');
        await fs.truncate(file, 4 * 1024 * MiB - 64 * MiB);
        const staging = path.join(dataDir, 'staging');
        host = await startHost(dataDir);
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.goto(host.url);
        /** The copy under way, seen at both widths in both schemes, then cancelled: nothing of it stays. */
        const seeAndCancel = async (where: string): Promise<void> => {
          const bar = page.getByRole('progressbar', { name: /big-video\.mp4/ });
          await expect(page.getByText(copying).first()).toBeVisible({ timeout: 30_000 });
          await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0);
          for (const width of [1280, 700]) {
            await page.setViewportSize({ width, height: 800 });
            for (const scheme of ['light', 'dark'] as const) {
              await page.emulateMedia({ colorScheme: scheme });
              await page.screenshot({ path: path.join(ARTIFACTS, `staging-${where}-${lang}-${width}-${scheme}.png`) });
            }
          }
          await page.emulateMedia({ colorScheme: 'light' });
          await page.setViewportSize({ width: 1280, height: 800 });
          await page.getByRole('button', { name: cancel }).click();
          await expect(bar).toHaveCount(0);
          await expect.poll(async () => fs.readdir(staging), { timeout: 15_000 }).toEqual([]);
        };

        await page.getByRole('navigation').getByRole('button', { name: /Sandbox upload/ }).click();
        await page.getByTestId('file-input').setInputFiles(file);
        await seeAndCancel('upload');
        // Cancelled, the file leaves the list: nothing to send.
        await expect(page.getByText('big-video.mp4')).toHaveCount(0);
        // The host stays up through a cancelled copy.
        expect(host.process.exitCode, host.output()).toBeNull();

        await page.getByRole('navigation').getByRole('button', { name: /Sandbox media library/ }).click();
        await page.getByRole('grid').locator('[role="row"][data-name="photos"]').dblclick();
        await page.getByTestId('lib-file-input').setInputFiles(file);
        await seeAndCancel('library');
      });
    });
  }
});
