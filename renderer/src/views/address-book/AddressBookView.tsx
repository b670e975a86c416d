// The address book: names for the user and application ids of the media library, kept on this computer. Add, edit
// and remove (after a confirmation), import a CSV file (rows that cannot be used are listed by line) and export one.
import { useMemo, useRef, useState } from 'react';
import type { AddressEntry } from '../../../../main/common/address-book';
import { MAX_ADDRESS_CSV_CHARS } from '../../../../main/common/address-book-csv';
import type { AddressImportResult } from '../../../../main/common/contract';
import { call, messageOf } from '../../bridge';
import { errorText, Trans, useFormats, useTranslation } from '../../i18n';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useAddressBook, useImportAddresses, useRemoveAddress } from '../../query/address-book';
import { saveText } from '../twilio/format';
import { AddressEntryDialog } from './AddressEntryDialog';
import './address-book.css';

/** A refused row's id, cut short: a hostile file could hold a very long one. */
const shortId = (id: string) => (id.length > 60 ? `${id.slice(0, 60)}…` : id);

function ImportReport({ fileName, result, onDismiss }: { fileName: string; result: AddressImportResult; onDismiss: () => void }) {
  const { t } = useTranslation('addressBook');
  const f = useFormats();
  const refused = result.refused.length;
  const mono = <span className="mono" />;
  return (
    <section className="import-report" aria-label={t('import.label')} data-testid="import-report">
      <div className={`banner ${refused > 0 ? 'warn' : 'ok'} import-summary`} role={refused > 0 ? 'alert' : 'status'}>
        <span>
          <Trans t={t} i18nKey="import.summary" count={result.added} values={{ file: fileName, updated: f.number(result.updated), unchanged: f.number(result.unchanged) }} components={{ file: <bdi /> }} />
          {refused > 0 ? ` ${t('import.refused', { count: refused })}` : ''}
        </span>
        <button type="button" className="small" onClick={onDismiss}>{t('import.dismiss')}</button>
      </div>
      {refused > 0 ? (
        <ul className="import-problems" aria-label={t('import.problemsLabel')}>
          {result.refused.map((problem) => (
            <li key={`${problem.line}`}>
              {problem.id !== undefined ? (
                <Trans t={t} i18nKey="import.problemWithId" values={{ line: problem.line, id: shortId(problem.id), reason: errorText(problem) }} components={{ line: <strong />, mono }} />
              ) : (
                <Trans t={t} i18nKey="import.problem" values={{ line: problem.line, reason: errorText(problem) }} components={{ line: <strong /> }} />
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function AddressBookView() {
  const { t } = useTranslation('addressBook');
  const f = useFormats();
  const book = useAddressBook();
  const importCsv = useImportAddresses();
  const remove = useRemoveAddress();
  const [editing, setEditing] = useState<{ entry: AddressEntry | undefined } | null>(null);
  const [removing, setRemoving] = useState<AddressEntry | null>(null);
  const [report, setReport] = useState<{ fileName: string; result: AddressImportResult } | null>(null);
  const [error, setError] = useState<{ file?: string; problem: 'tooLarge' | 'notImported' | 'failed'; cause?: unknown }>();
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
      setError({ file: file.name, problem: 'tooLarge' });
      return;
    }
    try {
      setReport({ fileName: file.name, result: await importCsv.mutateAsync(await file.text()) });
    } catch (err) {
      setError({ file: file.name, problem: 'notImported', cause: err });
    }
  };
  const exportCsv = async () => {
    setError(undefined);
    try {
      const { fileName, text } = await call('addressBook.exportCsv', {});
      saveText(fileName, text, 'text/csv');
    } catch (err) {
      setError({ problem: 'failed', cause: err });
    }
  };
  const removeNow = async (entry: AddressEntry) => {
    setRemoving(null);
    try {
      await remove.mutateAsync(entry.id);
    } catch (err) {
      setError({ problem: 'failed', cause: err });
    }
  };

  const errorShown = !error
    ? undefined
    : error.problem === 'tooLarge'
      ? t('import.tooLarge', { file: error.file, max: MAX_ADDRESS_CSV_CHARS })
      : error.problem === 'notImported'
        ? t('import.failed', { file: error.file, reason: messageOf(error.cause) })
        : messageOf(error.cause);

  return (
    <section className="view address-book" aria-labelledby="address-book-title">
      <header className="view-header">
        <div>
          <h1 id="address-book-title">{t('title')}</h1>
          <p className="subtle">{t('intro')}</p>
        </div>
        <div className="actions">
          <button type="button" className="primary" onClick={() => setEditing({ entry: undefined })}>{t('add')}</button>
          <button type="button" onClick={() => fileInput.current?.click()} disabled={importCsv.isPending}>{importCsv.isPending ? t('import.running') : t('import.button')}</button>
          <button type="button" onClick={() => void exportCsv()} disabled={entries.length === 0}>{t('export.button')}</button>
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
      {errorShown ? <p className="banner bad" role="alert">{errorShown}</p> : null}
      {report ? <ImportReport {...report} onDismiss={() => setReport(null)} /> : null}
      {book.error ? <p className="banner bad" role="alert">{t('readFailed', { reason: messageOf(book.error) })}</p> : null}
      {book.isPending ? <p role="status">{t('reading')}</p> : null}
      {book.data && entries.length === 0 ? (
        <p className="empty">
          <Trans t={t} i18nKey="empty" components={{ mono: <span className="mono" /> }} />
        </p>
      ) : null}
      {entries.length > 0 ? (
        <>
          <div className="filters" role="search" aria-label={t('search.label')}>
            <label className="inline-label">
              {t('search.field')}
              <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('search.placeholder')} />
            </label>
            <span className="subtle" role="status">{shown.length === entries.length ? t('count.all', { count: entries.length }) : t('count.shown', { shown: f.number(shown.length), count: entries.length })}</span>
          </div>
          <table className="address-table">
            <caption className="visually-hidden">{t('table.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="ab-name">{t('table.name')}</th>
                <th scope="col" className="ab-kind">{t('table.kind')}</th>
                <th scope="col" className="ab-id">{t('table.id')}</th>
                <th scope="col" className="ab-note">{t('table.note')}</th>
                <th scope="col" className="ab-actions"><span className="visually-hidden">{t('table.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {shown.map((entry) => (
                <tr key={entry.id} data-id={entry.id}>
                  <th scope="row" className="ab-name"><bdi>{entry.name}</bdi></th>
                  <td className="ab-kind">{t(`kind.${entry.kind}`)}</td>
                  <td className="ab-id mono">{entry.id}</td>
                  <td className="ab-note">{entry.note}</td>
                  <td className="ab-actions">
                    <div className="actions">
                      <button type="button" className="small" aria-label={t('row.editLabel', { name: entry.name })} onClick={() => setEditing({ entry })}>{t('row.edit')}</button>
                      <button type="button" className="small danger" aria-label={t('row.removeLabel', { name: entry.name })} onClick={() => setRemoving(entry)}>{t('row.remove')}</button>
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
        <ConfirmDialog title={t('remove.title', { name: removing.name })} confirmLabel={t('remove.confirm')} destructive onConfirm={() => void removeNow(removing)} onCancel={() => setRemoving(null)}>
          <p>
            <Trans t={t} i18nKey="remove.body" values={{ id: removing.id }} components={{ mono: <span className="mono" /> }} />
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
