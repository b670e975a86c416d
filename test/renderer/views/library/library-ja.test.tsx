// The media library in Japanese, as a Japanese admin meets it: the domain's folders, a folder's files, the details
// and the access-list editor up to the lock-out warning say everything in Japanese; nothing is left in English but the
// names of the fixture (folders, files, ids).
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { switchLanguage } from '../../../../renderer/src/i18n';
import { englishLeft } from '../../i18n/english-left';
import { account, folder, ME, OTHER } from './fake-library';
import { layOutTable, resetLibrary, row, showLibrary } from './support';

const lib = await vi.hoisted(async () => (await import('./fake-library')).installFakeLibrary());

beforeAll(async () => {
  await switchLanguage('ja');
});
afterAll(async () => {
  await switchLanguage('en');
});

beforeEach(() => {
  layOutTable();
  resetLibrary(
    lib,
    [
      folder('photos', ME.userId, {}, [{ name: 'sunset.jpg' }, { name: 'clip.mp4' }]),
      // Shared read-only by a colleague: Delete and Permissions are refused, with the reason.
      folder('from-colleague', OTHER.userId, { readUsers: [OTHER.userId, ME.userId], writeUsers: [OTHER.userId] }),
      // The colleague's, shared for read and write: emptying its lists leaves it to the colleague alone.
      folder('shared', OTHER.userId, { readUsers: [OTHER.userId, ME.userId], writeUsers: [OTHER.userId, ME.userId] }),
    ],
  );
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The fixture's own names, which stay as they are in every language. */
const FIXTURE = [account.label, 'demo.example', ME.userId, ME.appId, OTHER.userId, OTHER.appId];
/** The grid's key hint comes from hooks/grid-keys.ts (the shell's words, moved to the catalogue by its own helper). */
const NOT_OURS = '.lib-keys';

/** Text and attribute values a person reads that still look like English: two Latin words in a row, however short. */
const onScreen = () => englishLeft(FIXTURE, document.body, { english: /[A-Za-z]{2,} [A-Za-z]{2,}/, skip: NOT_OURS });

describe('the media library in Japanese', () => {
  it('shows the folders, a folder with files, its details and the access list editor in Japanese', async () => {
    showLibrary();
    const folders = await screen.findByRole('grid', { name: 'ドメイン「demo.example」のフォルダー' });
    for (const header of ['名前', '種類', 'サイズ', 'アクセス', '作成日時', '作成者']) expect(within(folders).getByText(header)).toBeTruthy();
    expect(screen.getByRole('button', { name: '新規フォルダー…' })).toBeTruthy();
    expect(document.querySelector('.lib-status')?.textContent).toContain('フォルダー 3 件');
    expect(within(row('photos')).getByTestId('lib-access').textContent).toBe('フルアクセス');
    // The table's date, to the minute, in the window's language.
    expect(row('photos').querySelector('.col-createdOn')?.textContent).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{1,2}:\d{2}$/);

    // A folder it may only read: the refusal, in one Japanese sentence.
    fireEvent.click(row('from-colleague'));
    expect(screen.getByRole('button', { name: '削除…' })).toHaveProperty('disabled', true);
    expect(screen.getByTestId('lib-why').textContent).toBe('「from-colleague」を変更する権限がありません。アクセスリストにより、権限の変更や削除はできません。');
    expect(onScreen()).toEqual([]);

    // A folder with files, one selected, its details.
    fireEvent.doubleClick(row('photos'));
    await screen.findByRole('grid', { name: 'フォルダー「photos」のファイル' });
    expect(within(row('sunset.jpg')).getByText('JPEG 画像')).toBeTruthy();
    expect(within(row('clip.mp4')).getByText('MP4 動画')).toBeTruthy();
    fireEvent.click(row('sunset.jpg'));
    fireEvent.click(screen.getByRole('button', { name: '詳細' }));
    const details = within(screen.getByRole('complementary'));
    await details.findByTestId('preview-image');
    expect(details.getByText('読み取れる人')).toBeTruthy();
    expect(details.getByText('作成者（あなた）だけが読み取れます。')).toBeTruthy();
    expect(details.getByText('読み取りも変更もできます。')).toBeTruthy();
    expect(details.getByText('作成日時').nextElementSibling?.textContent).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{1,2}:\d{2}$/);
    expect(document.querySelector('.lib-status')?.textContent).toContain('ファイル 2 件');
    expect(onScreen()).toEqual([]);

    // Back up: the folder's Size cell counts its files in the short words its column has room for.
    fireEvent.click(screen.getByRole('button', { name: 'demo.example' }));
    await screen.findByRole('grid', { name: 'ドメイン「demo.example」のフォルダー' });
    expect(row('photos').querySelector('.col-size')?.textContent).toBe('2 件');
  });

  it('warns in Japanese before a save that locks the user out', async () => {
    showLibrary();
    await screen.findByRole('grid', { name: 'ドメイン「demo.example」のフォルダー' });
    fireEvent.click(row('shared'));
    fireEvent.click(screen.getByRole('button', { name: '権限…' }));
    const editor = within(await screen.findByTestId('acl-editor'));
    expect(await editor.findByRole('heading', { name: 'フォルダー「shared」の権限' })).toBeTruthy();
    expect(editor.getByRole('group', { name: 'プリセット' })).toBeTruthy();
    expect(editor.getByText('読み取り · ユーザー')).toBeTruthy();
    expect(onScreen()).toEqual([]);

    // Emptying the lists leaves the folder to its creator, the colleague: a lock-out, said before saving.
    fireEvent.click(editor.getByRole('button', { name: '作成者のみ' }));
    expect(editor.getByTestId('acl-summary-read').textContent).toBe(`読み取れる人：作成者（${OTHER.userId}）だけが読み取れます。`);
    const warning = `保存すると、あなた（このアプリ経由）はこの項目を読み取ることも変更することもできなくなり、この変更を元に戻すこともできません。`;
    expect(editor.getByText(warning)).toBeTruthy();
    fireEvent.click(editor.getByRole('button', { name: '変更を確認…' }));
    await editor.findByText('ご自身をアクセスできない状態にしようとしています。');
    expect(editor.getByRole('checkbox', { name: '理解したうえで保存する' })).toBeTruthy();
    expect(editor.getByRole('button', { name: '保存' })).toHaveProperty('disabled', true);
    expect(onScreen()).toEqual([]);
    await act(async () => undefined);
  });

  it('asks in Japanese before deleting', async () => {
    showLibrary();
    await screen.findByRole('grid', { name: 'ドメイン「demo.example」のフォルダー' });
    fireEvent.doubleClick(row('photos'));
    await screen.findByRole('grid', { name: 'フォルダー「photos」のファイル' });
    fireEvent.click(row('sunset.jpg'));
    fireEvent.click(screen.getByRole('button', { name: '削除…' }));
    const dialog = within(await screen.findByRole('dialog', { name: '「sunset.jpg」を削除しますか？' }));
    expect(dialog.getByRole('button', { name: 'ファイル 1 件を削除' })).toBeTruthy();
    expect(dialog.getByText('ライブラリから削除され、誰も使えなくなります。元に戻すことはできません。')).toBeTruthy();
    await waitFor(() => expect(onScreen()).toEqual([]));
  });
});
