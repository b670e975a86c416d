// The address book in Japanese: the list, the entry dialog, the removal question and an import's report (each refused
// row said with its line in Japanese; the reason is main's, in its words). No English phrase is left besides the
// fixture's own names and main's reasons.
import { fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sortAddressEntries, type AddressEntry } from '../../../../main/common/address-book';
import { parseAddressCsv } from '../../../../main/common/address-book-csv';
import type { MediaDeskBridge } from '../../../../main/common/contract';
import { englishLeft } from '../../i18n/english-left';
import { inJapaneseEachTest } from '../../i18n/in-japanese';
import { renderWithQueries } from '../../render-with-queries';

const main = vi.hoisted(() => ({ book: [] as AddressEntry[] }));
vi.hoisted(() => {
  const answer = (method: string, args: Record<string, unknown>): unknown => {
    if (method === 'addressBook.list') return main.book;
    if (method === 'addressBook.importCsv') {
      const parsed = parseAddressCsv(String(args.text));
      main.book = sortAddressEntries([...main.book, ...parsed.rows.map((r) => r.entry)]);
      return { added: parsed.rows.length, updated: 0, unchanged: 0, refused: parsed.problems, entries: main.book };
    }
    throw new Error(`unexpected call ${method}`);
  };
  const bridge = {
    invoke: (method: string, args: Record<string, unknown>) => Promise.resolve({ ok: true, value: structuredClone(answer(method, args)) }),
    on: () => () => undefined,
  };
  window.mediaDesk = bridge as unknown as MediaDeskBridge;
});

const { AddressBookView } = await import('../../../../renderer/src/views/address-book/AddressBookView');

const GUID = '14d9f582-6f1c-4c5e-9b0a-2d7e3f1a9c44';
const NAMES = ['Ann Lee', 'Partner Portal', 'Neu, Nina'];

beforeEach(() => {
  main.book = [
    { id: GUID, kind: 'user', name: 'Ann Lee', note: 'Sales' },
    { id: 'partner-app', kind: 'app', name: 'Partner Portal', note: '' },
  ];
});

inJapaneseEachTest();

describe('the address book in Japanese', () => {
  it('lists, edits, asks before removing and reports an import in Japanese', async () => {
    renderWithQueries(<AddressBookView />);
    const row = within((await screen.findByText('Ann Lee')).closest('tr') as HTMLElement);
    expect(screen.getByRole('heading', { name: 'アドレス帳' })).toBeTruthy();
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['名前', '種類', 'ID', 'メモ', '操作']);
    expect(row.getByText('ユーザー')).toBeTruthy();
    expect(screen.getByText('2 件')).toBeTruthy();
    for (const name of ['名前を追加…', 'CSV をインポート…', 'CSV をエクスポート']) expect(screen.getByRole('button', { name })).toBeTruthy();
    expect(englishLeft(NAMES)).toEqual([]);

    fireEvent.click(row.getByRole('button', { name: '「Ann Lee」を編集' }));
    const dialog = within(await screen.findByRole('dialog', { name: '「Ann Lee」を編集' }));
    expect(dialog.getByLabelText('名前')).toHaveProperty('value', 'Ann Lee');
    expect(dialog.getByText('ID は変更できません。変更するには、このエントリを削除して新しく追加してください。')).toBeTruthy();
    expect(dialog.getByRole('option', { name: 'アプリケーション' })).toBeTruthy();
    expect(englishLeft(NAMES)).toEqual([]);
    fireEvent.click(dialog.getByRole('button', { name: 'キャンセル' }));

    fireEvent.click(row.getByRole('button', { name: '「Ann Lee」を削除' }));
    const confirm = await screen.findByRole('dialog', { name: '「Ann Lee」を削除しますか?' });
    expect(confirm.textContent).toContain(`この名前の代わりに、ID ${GUID} が再び表示されるようになります。`);
    expect(within(confirm).getAllByRole('button').map((button) => button.textContent)).toEqual(['キャンセル', '削除']);
    expect(englishLeft(NAMES)).toEqual([]);
    // The dialog's own Cancel (the shared ConfirmDialog's word): the button that is not the removal.
    fireEvent.click(within(confirm).getAllByRole('button').find((button) => button.textContent !== '削除') as HTMLElement);

    const csv = 'id,kind,name,note\r\nnew-one,user,"Neu, Nina",\r\nbad/id,user,X,\r\n';
    fireEvent.change(screen.getByTestId('address-import-file'), { target: { files: [new File([csv], 'people.csv', { type: 'text/csv' })] } });
    const report = within(await screen.findByTestId('import-report'));
    expect(report.getByRole('alert').querySelector('span')?.textContent).toBe('people.csv をインポートしました：追加 1 件、更新 0 件、変更なし 0 件。 1 行はインポートできませんでした：');
    expect(report.getByRole('button', { name: '閉じる' })).toBeTruthy();
    const problems = report.getAllByRole('listitem').map((li) => li.textContent);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^3 行目（id bad\/id）：/);
    // The reason is main's own sentence (no phrase yet): taken out, nothing of the view is English.
    const reason = problems[0]?.replace(/^3 行目（id bad\/id）：/, '') ?? '';
    expect(englishLeft([...NAMES, reason])).toEqual([]);
  });
});
