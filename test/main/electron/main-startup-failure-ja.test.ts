// The start-up failure dialog (`electron` mocked) in the OS's language: the settings could not be read, so Japanese
// comes from app.getLocale().
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { electron } from './support/electron-mock';

vi.mock('electron', async () => (await import('./support/electron-mock')).electronModule);
vi.mock('electron-updater', async () => (await import('./support/electron-mock')).electronUpdaterModule);

let work: string;
let dataDir: string;
const argv = process.argv;

beforeAll(async () => {
  electron.locale = 'ja-JP';
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'md-electron-fail-ja-'));
  dataDir = path.join(work, 'not-a-folder');
  await fs.writeFile(dataDir, 'a file where the data folder should be');
  process.argv = ['electron', '.', '--data-dir', dataDir];
  await import('../../../main/electron/main');
  await vi.waitFor(() => expect(electron.quit).toHaveBeenCalled(), { timeout: 5000 });
});
afterAll(async () => {
  process.argv = argv;
  await fs.rm(work, { recursive: true, force: true });
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
