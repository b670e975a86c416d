// Numbers said in English the way English counts (one file is "it", one folder's files are "in it", "1 of 1 item"),
// and the same sentences in Japanese, which has no plural forms and says them with 件.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransferItem } from '../../../../main/common/transfers';
import { jobCount } from '../../../../renderer/src/components/JobProgress';
import { i18n, switchLanguage } from '../../../../renderer/src/i18n';
import { DeleteFilesDialog } from '../../../../renderer/src/views/library/deleting';
import type { LibraryFileInfo } from '../../../../main/common/methods/library';

const file = (name: string): LibraryFileInfo => ({ id: `photos/${name}`, name, folder: 'photos', size: 1 }) as LibraryFileInfo;

const job = (done: number, total: number | null): TransferItem =>
  ({ id: 'tr_00000000000000aa', accountId: 'acc_1', direction: 'job', unit: 'items', title: 'x', detail: '', state: 'working', bytesDone: done, bytesTotal: total, speed: 0, eta: null, createdAt: '2026-12-05T16:00:00.000Z' });

/** The sentence the delete flow says once folders and their files are gone (deleting.tsx). */
const deletedFolders = (folders: number, files: number) => i18n.t('library:delete.doneFoldersAndFiles', { count: folders, files: i18n.t('library:count.files', { count: files }) });

afterEach(async () => {
  cleanup();
  await switchLanguage('en');
});

function warningFor(files: LibraryFileInfo[]): string {
  render(<DeleteFilesDialog folder="photos" files={files} onCancel={() => undefined} onConfirm={() => undefined} />);
  return screen.getByText(/for everyone|誰も使えなく/).textContent ?? '';
}

describe('counts in English', () => {
  it('says one file as it and several as they', () => {
    expect(warningFor([file('a.jpg')])).toBe('It is deleted from the library for everyone. This cannot be undone.');
    cleanup();
    expect(warningFor([file('a.jpg'), file('b.jpg')])).toBe('They are deleted from the library for everyone. This cannot be undone.');
  });

  it('says the files in one folder as in it, in several as in them, each number with its own noun', () => {
    expect(deletedFolders(1, 5)).toBe('Deleted 1 folder and 5 files in it.');
    expect(deletedFolders(2, 1)).toBe('Deleted 2 folders and 1 file in them.');
  });

  it('says 1 of 1 item, and items for more', () => {
    expect(jobCount(job(1, 1))).toBe('1 of 1 item');
    expect(jobCount(job(3, 2000))).toBe('3 of 2,000 items');
    expect(jobCount(job(1, null))).toBe('1 item so far');
    expect(jobCount(job(4, null))).toBe('4 items so far');
  });
});

describe('the same in Japanese', () => {
  it('says them with 件, whatever the number', async () => {
    await switchLanguage('ja');
    expect(warningFor([file('a.jpg')])).toBe('ライブラリから削除され、誰も使えなくなります。元に戻すことはできません。');
    expect(deletedFolders(1, 5)).toBe('フォルダー 1 件と、その中のファイル 5 件を削除しました。');
    expect(jobCount(job(1, 1))).toBe('項目：1 件中 1 件');
    expect(jobCount(job(4, null))).toBe('項目：これまでに 4 件');
  });
});
