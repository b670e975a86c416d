// The browser host stopped under an open page, as a user meets it: an upload runs, the host is stopped (SIGINT,
// as Ctrl-C sends), and the page says so at once in one banner that stays: the upload is no longer shown as moving,
// and the banner says how to start the host again. Started again on the same port, the host is there but this page's
// sign-in died with the old one: the banner says to open the new address; once that is opened in this browser (here
// in a second tab), the first page reconnects by itself, the banner goes, and what the page shows is read again (the
// upload now listed as the restarted host has it: ended, with Retry). In English and Japanese; the banner is saved as
// test-results/screens/host-gone-<lang>-<width>-<scheme>.png and passes the accessibility scan.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { english } from '../../main/common/i18n/catalogue';
import { ja } from '../../main/common/i18n/locales/ja/index';
import { ARTIFACTS, makeDataDir, startHost, type RunningHost } from './host';
import { dropFiles, dropped } from './support/drop';
import { mp4 } from './support/media';
import { widthAndSchemeScreens } from './support/screens';
import { createSlowAccount, startSlowUploadServer, type SlowServer } from './support/slow-upload-server';

let host: RunningHost | undefined;
let server: SlowServer | undefined;
test.afterEach(async () => {
  await host?.stop();
  await server?.close();
});

async function stopLikeCtrlC(running: RunningHost): Promise<void> {
  const exited = new Promise((resolve) => running.process.once('exit', resolve));
  running.process.kill('SIGINT');
  await exited;
}

for (const [lang, locale, words] of [
  ['en', 'en-US', english],
  ['ja', 'ja-JP', ja],
] as const) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test('the page says at once that the host stopped, and recovers when it is back and signed in again', async ({ page }) => {
      test.setTimeout(180_000);
      const shell = words.shell;
      server = await startSlowUploadServer(4 * 1024, 200);
      const dataDir = await makeDataDir();
      host = await startHost(dataDir);
      const port = new URL(host.url).port;
      await page.goto(host.url);
      await createSlowAccount(page, host.origin, server);
      // An account made through the API while the page loads can still be missed (CI at 4fa72f1 saw it once in
      // English despite 34ba071's read on each stream open): the page reads it at its next load.
      await page.reload();
      await page.getByRole('navigation').getByRole('button', { name: 'Slow provider' }).click();
      await dropFiles(page, '.dropzone', [dropped('long-video.mp4', 'video/mp4', mp4(12 * 1024 * 1024))]);
      const upload = words.upload;
      await page.getByLabel(upload['recipients.label']!).fill('+15559990000');
      await page.getByLabel(upload['recipients.label']!).press('Enter');
      const uploadOne = (upload['form.uploadFiles_one'] ?? upload['form.uploadFiles_other']!).replace('{{count, number}}', '1');
      await page.getByRole('button', { name: uploadOne }).click();
      await page.getByRole('navigation').getByRole('button', { name: new RegExp(`^${shell['nav.transfers']!}`) }).click();
      const row = page.locator('.transfer-row').filter({ hasText: 'long-video.mp4' });
      await expect(row.locator('.state-pill')).toHaveText(shell['transfer.state.uploading']!);
      const perSecond = shell['transfer.bytesPerSecond']!.replace('{{speed}}', '');
      await expect(row.locator('.transfer-detail')).toContainText(perSecond);

      await stopLikeCtrlC(host);
      const stoppedAt = Date.now();
      const banner = page.getByRole('alert').filter({ has: page.getByTestId('host-banner') });
      await expect(banner.getByRole('heading', { name: shell['host.goneTitle'] })).toBeVisible({ timeout: 3_000 });
      expect(Date.now() - stoppedAt).toBeLessThan(3_000);
      await expect(banner).toContainText(`npm run start:web -- --port ${port}`);
      await expect(row.locator('.state-pill')).toHaveText(shell['transfer.state.interrupted']!);
      await expect(row.locator('.transfer-detail')).not.toContainText(perSecond);
      await expect(row.getByRole('button')).toHaveCount(0);
      // "Retry failed" and "Clear finished" could only meet "not reachable": disabled, saying why.
      for (const button of [page.getByRole('button', { name: shell['transfers.clearFinished'] }), page.getByRole('button', { name: /^Retry failed|^失敗分を再試行/ })]) {
        await expect(button).toBeDisabled();
        await expect(button).toHaveAttribute('title', shell['transfers.needsHost']!);
      }
      await expect(page.getByText(shell['transfers.needsHost']!)).toBeVisible();
      // The banner does not take the focus, and it is one: it stays as it is however long the host is away.
      await expect(banner.getByRole('button')).not.toBeFocused();
      await page.waitForTimeout(3_000);
      await expect(page.getByTestId('host-banner')).toHaveCount(1);
      await widthAndSchemeScreens(page, `host-gone-${lang}`);

      host = await startHost(dataDir, ['--port', port]);
      await expect(banner.getByRole('heading', { name: shell['host.signedOutTitle'] })).toBeVisible({ timeout: 10_000 });
      await page.screenshot({ path: path.join(ARTIFACTS, `host-gone-${lang}-signed-out.png`) });
      // The user opens the new address, as the banner says; the first page comes back by itself.
      const second = await page.context().newPage();
      await second.goto(host.url);
      await expect(page.getByTestId('host-banner')).toHaveCount(0, { timeout: 10_000 });
      // The restarted host's own word for it, read again: ended (not running, not the page's "Interrupted"), with Retry.
      await expect(row.getByRole('button', { name: shell['transfer.retry'] })).toBeVisible();
      await expect(row.locator('.state-pill')).not.toHaveText(shell['transfer.state.interrupted']!);
      await expect(page.getByText(shell['host.back']!)).toBeVisible();
      await second.close();
    });
  });
}
