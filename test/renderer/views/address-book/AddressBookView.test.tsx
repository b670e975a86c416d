// The address book screen as an admin uses it: entries listed by name with their ids; adding one checked in words
// (the focus on the first problem); removing one only after a confirmation; an import that lists every refused row
// with its line; an export offered as a download.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addressEntrySchema, sortAddressEntries, type AddressEntry } from '../../../../main/common/address-book';
import { formatAddressCsv, parseAddressCsv } from '../../../../main/common/address-book-csv';
import type { MediaDeskBridge } from '../../../../main/common/contract';
import { renderWithQueries } from '../../render-with-queries';

// main's side, with the real rules and CSV code: entries in memory instead of a file.
const main = vi.hoisted(() => ({ book: [] as AddressEntry[], calls: [] as Array<{ method: string; args: Record<string, unknown> }> }));
vi.hoisted(() => {
  const answer = (method: string, args: Record<string, unknown>): unknown => {
    switch (method) {
      case 'addressBook.list':
        return main.book;
      case 'addressBook.save': {
        const entry = addressEntrySchema.parse(args.entry);
        main.book = sortAddressEntries([...main.book.filter((e) => e.id !== entry.id), entry]);
        return main.book;
      }
      case 'addressBook.remove':
        main.book = main.book.filter((e) => e.id !== args.id);
        return main.book;
      case 'addressBook.importCsv': {
        const parsed = parseAddressCsv(String(args.text));
        const ids = new Set(main.book.map((e) => e.id));
        main.book = sortAddressEntries([...main.book.filter((e) => !parsed.rows.some((r) => r.entry.id === e.id)), ...parsed.rows.map((r) => r.entry)]);
        const added = parsed.rows.filter((r) => !ids.has(r.entry.id)).length;
        return { added, updated: parsed.rows.length - added, unchanged: 0, refused: parsed.problems, entries: main.book };
      }
      case 'addressBook.exportCsv':
        return { fileName: 'media-desk-address-book-2026-12-05.csv', text: formatAddressCsv(main.book) };
      default:
        throw new Error(`unexpected call ${method}`);
    }
  };
  const bridge = {
    invoke: (method: string, args: Record<string, unknown>) => {
      main.calls.push({ method, args });
      try {
        return Promise.resolve({ ok: true, value: structuredClone(answer(method, args)) });
      } catch (err) {
        return Promise.resolve({ ok: false, error: { code: 'validation', message: err instanceof Error ? err.message : String(err) } });
      }
    },
    on: () => () => undefined,
    fileRef: () => Promise.reject(new Error('no files here')),
  };
  window.mediaDesk = bridge as unknown as MediaDeskBridge;
});

const { AddressBookView } = await import('../../../../renderer/src/views/address-book/AddressBookView');

const GUID = '14d9f582-6f1c-4c5e-9b0a-2d7e3f1a9c44';

beforeEach(() => {
  main.book = [
    { id: GUID, kind: 'user', name: 'Ann Lee', note: 'Sales' },
    { id: 'partner-app', kind: 'app', name: 'Partner Portal', note: '' },
  ];
  main.calls.length = 0;
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function show() {
  renderWithQueries(<AddressBookView />);
}

const rowOf = (id: string) => document.querySelector<HTMLElement>(`tr[data-id="${id}"]`);

describe('the address book screen', () => {
  it('lists entries by name with their kind, id and note', async () => {
    show();
    const row = within((await screen.findByText('Ann Lee')).closest('tr') as HTMLElement);
    expect(row.getByText('User')).toBeTruthy();
    expect(row.getByText(GUID)).toBeTruthy();
    expect(row.getByText('Sales')).toBeTruthy();
    expect(screen.getAllByRole('row')).toHaveLength(3);
  });

  it('says when it is empty and how to fill it', async () => {
    main.book = [];
    show();
    expect((await screen.findByText(/No names yet/)).textContent).toContain('id,kind,name,note');
  });

  it('checks a new entry in words, focuses the first problem, then adds it', async () => {
    show();
    await screen.findByText('Ann Lee');
    fireEvent.click(screen.getByRole('button', { name: 'Add a name…' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Add a name' }));
    fireEvent.change(dialog.getByLabelText('Id'), { target: { value: '../etc' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Add' }));
    expect(dialog.getByText('This id cannot be used: it contains a slash.')).toBeTruthy();
    expect(document.activeElement).toBe(dialog.getByLabelText('Id'));
    expect(main.calls.some((c) => c.method === 'addressBook.save')).toBe(false);

    fireEvent.change(dialog.getByLabelText('Id'), { target: { value: 'colleague' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Add' }));
    expect(dialog.getByText('Enter a name.')).toBeTruthy();
    expect(document.activeElement).toBe(dialog.getByLabelText('Name'));

    fireEvent.change(dialog.getByLabelText('Name'), { target: { value: 'Carla Jones' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(rowOf('colleague')?.textContent).toContain('Carla Jones'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('removes an entry only once the removal is confirmed', async () => {
    show();
    await screen.findByText('Ann Lee');
    fireEvent.click(screen.getByRole('button', { name: 'Remove Ann Lee' }));
    const confirm = await screen.findByRole('dialog', { name: 'Remove “Ann Lee”?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(rowOf(GUID)).toBeTruthy();
    expect(main.calls.some((c) => c.method === 'addressBook.remove')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Remove Ann Lee' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(rowOf(GUID)).toBeNull());
    expect(main.calls.filter((c) => c.method === 'addressBook.remove')).toEqual([{ method: 'addressBook.remove', args: { id: GUID } }]);
  });

  it('imports a CSV file and lists every refused row with its line and id', async () => {
    show();
    await screen.findByText('Ann Lee');
    const csv = 'id,kind,name,note\r\nnew-one,user,"Neu, Nina",\r\nbad/id,user,X,\r\nrobot,robot,R,\r\nnew-one,user,Twice,\r\n';
    fireEvent.change(screen.getByTestId('address-import-file'), { target: { files: [new File([csv], 'people.csv', { type: 'text/csv' })] } });
    const report = within(await screen.findByTestId('import-report'));
    expect(report.getByRole('alert').textContent).toContain('Imported people.csv: 1 entry added, 0 updated, 0 unchanged. 3 rows could not be imported:');
    const problems = report.getAllByRole('listitem').map((li) => li.textContent);
    expect(problems).toEqual([
      'Line 3 (id bad/id): The id: This id cannot be used: it contains a slash.',
      'Line 4 (id robot): The kind: Choose "user" or "app".',
      'Line 5 (id new-one): The id "new-one" is already on line 2; only that line is used.',
    ]);
    await waitFor(() => expect(rowOf('new-one')?.textContent).toContain('Neu, Nina'));
  });

  it('says why a file that is not an address book was not imported', async () => {
    show();
    await screen.findByText('Ann Lee');
    fireEvent.change(screen.getByTestId('address-import-file'), { target: { files: [new File(['name;phone\nAnn;123\n'], 'phones.csv')] } });
    expect((await screen.findByRole('alert')).textContent).toContain('"phones.csv" was not imported: This is not an address book CSV file');
  });

  it('offers the export as a download', async () => {
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    show();
    await screen.findByText('Ann Lee');
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(clicked).toHaveBeenCalled());
    expect((clicked.mock.contexts[0] as HTMLAnchorElement).download).toBe('media-desk-address-book-2026-12-05.csv');
  });
});
