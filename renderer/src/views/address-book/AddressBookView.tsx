// The address book: names for the user and application ids of the media library, kept on this computer. Add, edit
// and remove (after a confirmation), import a CSV file (rows that cannot be used are listed by line) and export one.
import { useMemo, useRef, useState } from 'react';
import type { AddressEntry } from '../../../../main/common/address-book';
import { MAX_ADDRESS_CSV_CHARS } from '../../../../main/common/address-book-csv';
import type { AddressImportResult } from '../../../../main/common/contract';
import { call, messageOf } from '../../bridge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useAddressBook, useImportAddresses, useRemoveAddress } from '../../query/address-book';
import { plural, saveText } from '../twilio/format';
import { AddressEntryDialog } from './AddressEntryDialog';
import './address-book.css';

const KIND_WORD: Record<AddressEntry['kind'], string> = { user: 'User', app: 'Application' };

function ImportReport({ fileName, result, onDismiss }: { fileName: string; result: AddressImportResult; onDismiss: () => void }) {
  const counts = `${plural(result.added, 'entry', 'entries')} added, ${result.updated.toLocaleString()} updated, ${result.unchanged.toLocaleString()} unchanged`;
  const refused = result.refused.length;
  return (
    <section className="import-report" aria-label="Import result" data-testid="import-report">
      <div className={`banner ${refused > 0 ? 'warn' : 'ok'} import-summary`} role={refused > 0 ? 'alert' : 'status'}>
        <span>
          Imported <bdi>{fileName}</bdi>: {counts}.{refused > 0 ? ` ${plural(refused, 'row')} could not be imported:` : ''}
        </span>
        <button type="button" className="small" onClick={onDismiss}>Dismiss</button>
      </div>
      {refused > 0 ? (
        <ul className="import-problems" aria-label="Rows not imported">
          {result.refused.map((problem) => (
            <li key={`${problem.line}`}>
              <strong>Line {problem.line}</strong>
              {problem.id !== undefined ? <> (id <span className="mono">{problem.id.length > 60 ? `${problem.id.slice(0, 60)}…` : problem.id}</span>)</> : null}: {problem.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function AddressBookView() {
  const book = useAddressBook();
  const importCsv = useImportAddresses();
  const remove = useRemoveAddress();
  const [editing, setEditing] = useState<{ entry: AddressEntry | undefined } | null>(null);
  const [removing, setRemoving] = useState<AddressEntry | null>(null);
  const [report, setReport] = useState<{ fileName: string; result: AddressImportResult } | null>(null);
  const [error, setError] = useState<string>();
  const [search, setSearch] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const entries = useMemo(() => book.data ?? [], [book.data]);
  const shown = useMemo(() => {
    const words = search.toLowerCase().split(/\s+/).filter(Boolean);
    return entries.filter((e) => words.every((w) => `${e.name} ${e.id} ${e.note}`.toLowerCase().includes(w)));
  }, [entries, search]);
  const taken = useMemo(() => new Set(entries.map((e) => e.id)), [entries]);

  const importFile = async (file: File) => {
    setError(undefined);
    setReport(null);
    // Each character is at most 4 bytes: a file larger than that cannot be under the cap, and is not read at all.
    if (file.size > MAX_ADDRESS_CSV_CHARS * 4) {
      setError(`"${file.name}" is too large for an address book (more than ${MAX_ADDRESS_CSV_CHARS.toLocaleString()} characters).`);
      return;
    }
    try {
      setReport({ fileName: file.name, result: await importCsv.mutateAsync(await file.text()) });
    } catch (err) {
      setError(`"${file.name}" was not imported: ${messageOf(err)}`);
    }
  };
  const exportCsv = async () => {
    setError(undefined);
    try {
      const { fileName, text } = await call('addressBook.exportCsv', {});
      saveText(fileName, text, 'text/csv');
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const removeNow = async (entry: AddressEntry) => {
    setRemoving(null);
    try {
      await remove.mutateAsync(entry.id);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <section className="view address-book" aria-labelledby="address-book-title">
      <header className="view-header">
        <div>
          <h1 id="address-book-title">Address book</h1>
          <p className="subtle">Names for user and application ids, shown instead of the ids in the library, its details and the permissions editor. Kept on this computer only.</p>
        </div>
        <div className="actions">
          <button type="button" className="primary" onClick={() => setEditing({ entry: undefined })}>Add a name…</button>
          <button type="button" onClick={() => fileInput.current?.click()} disabled={importCsv.isPending}>{importCsv.isPending ? 'Importing…' : 'Import CSV…'}</button>
          <button type="button" onClick={() => void exportCsv()} disabled={entries.length === 0}>Export CSV</button>
          <input
            ref={fileInput}
            type="file"
            accept=".csv,text/csv"
            hidden
            data-testid="address-import-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </div>
      </header>
      {error ? <p className="banner bad" role="alert">{error}</p> : null}
      {report ? <ImportReport {...report} onDismiss={() => setReport(null)} /> : null}
      {book.error ? <p className="banner bad" role="alert">The address book could not be read: {messageOf(book.error)}</p> : null}
      {book.isPending ? <p role="status">Reading the address book…</p> : null}
      {book.data && entries.length === 0 ? (
        <p className="empty">No names yet. Add one, or import a CSV file whose first line is <span className="mono">id,kind,name,note</span>.</p>
      ) : null}
      {entries.length > 0 ? (
        <>
          <div className="filters" role="search" aria-label="Filter the address book">
            <label className="inline-label">
              Search
              <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name, id or note" />
            </label>
            <span className="subtle" role="status">{shown.length === entries.length ? plural(entries.length, 'entry', 'entries') : `${shown.length.toLocaleString()} of ${plural(entries.length, 'entry', 'entries')}`}</span>
          </div>
          <table className="address-table">
            <caption className="visually-hidden">Names in the address book</caption>
            <thead>
              <tr>
                <th scope="col" className="ab-name">Name</th>
                <th scope="col" className="ab-kind">Kind</th>
                <th scope="col" className="ab-id">Id</th>
                <th scope="col" className="ab-note">Note</th>
                <th scope="col" className="ab-actions"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {shown.map((entry) => (
                <tr key={entry.id} data-id={entry.id}>
                  <th scope="row" className="ab-name"><bdi>{entry.name}</bdi></th>
                  <td className="ab-kind">{KIND_WORD[entry.kind]}</td>
                  <td className="ab-id mono">{entry.id}</td>
                  <td className="ab-note">{entry.note}</td>
                  <td className="ab-actions">
                    <div className="actions">
                      <button type="button" className="small" aria-label={`Edit ${entry.name}`} onClick={() => setEditing({ entry })}>Edit</button>
                      <button type="button" className="small danger" aria-label={`Remove ${entry.name}`} onClick={() => setRemoving(entry)}>Remove</button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {editing ? <AddressEntryDialog entry={editing.entry} taken={taken} onClose={() => setEditing(null)} /> : null}
      {removing ? (
        <ConfirmDialog title={`Remove “${removing.name}”?`} confirmLabel="Remove" destructive onConfirm={() => void removeNow(removing)} onCancel={() => setRemoving(null)}>
          <p>
            The id <span className="mono">{removing.id}</span> will be shown again instead of this name. Nothing changes in the media library.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
