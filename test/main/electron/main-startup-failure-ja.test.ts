// The start-up failure dialog (`electron` mocked) in the OS's language: the settings could not be read, so Japanese
// comes from app.getLocale().
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { electron } from './support/electron-mock';
import { removeFolder, restoreProcess, startOnUnwritableFolder } from './support/host';

vi.mock('electron', async () => (await import('./support/electron-mock')).electronModule);
vi.mock('electron-updater', async () => (await import('./support/electron-mock')).electronUpdaterModule);

let work: string;
let dataDir: string;

beforeAll(async () => {
  electron.locale = 'ja-JP';
  ({ work, dataDir } = await startOnUnwritableFolder('fail-ja'));
});
afterAll(async () => {
  restoreProcess();
  await removeFolder(work);
});

describe('the start-up failure dialog with a Japanese OS', () => {
  it('says it in Japanese, with the reason and the data folder', () => {
    const [title, text] = electron.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toBe('Media Desk を起動できませんでした');
    expect(text).toContain(`データフォルダー：${dataDir}`);
    // The reason is the system's own words here (the folder could not be made): said, not left out.
    expect(text).toMatch(/^EEXIST: /);
    expect(text).not.toContain('Data folder');
  });
});
