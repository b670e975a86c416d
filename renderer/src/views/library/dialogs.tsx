// The library browser's dialogs: a modal base on <dialog> (focus kept inside, Escape cancels), the new-folder
// form and the download folder choice. The conflict question is the app's one (components/ConflictDialog.tsx).
import { useId, useState, type ReactNode } from 'react';
import { Trans, useTranslation } from '../../i18n';
import { useModalDialog } from '../../hooks/useModalDialog';
import { libraryIdProblem } from '../../../../main/common/library-ids';

interface ModalProps {
  title: string;
  children: ReactNode;
  /** Buttons; the first safe one should come first. */
  actions: ReactNode;
  wide?: boolean;
  onCancel: () => void;
  testId?: string;
}

export function Modal({ title, children, actions, wide, onCancel, testId }: ModalProps) {
  const ref = useModalDialog();
  const titleId = useId();
  return (
    <dialog
      ref={ref}
      className={`dialog lib-dialog${wide ? ' wide' : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">{actions}</div>
    </dialog>
  );
}

export function NewFolderDialog({ existing, onCreate, onCancel }: { existing: ReadonlySet<string>; onCreate: (name: string) => Promise<string | null>; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const inputId = useId();
  const { t } = useTranslation(['library', 'common']);
  const problem = libraryIdProblem(name);
  const error = !touched ? null : problem ? t('newFolder.badName', { problem }) : existing.has(name) ? t('newFolder.exists', { name }) : serverError;
  const submit = async () => {
    setTouched(true);
    if (problem || existing.has(name)) return;
    setBusy(true);
    const failure = await onCreate(name);
    setBusy(false);
    if (failure) setServerError(failure);
  };
  return (
    <Modal
      title={t('newFolder.title')}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>{t('common:action.cancel')}</button>
          <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>{busy ? t('newFolder.creating') : t('newFolder.create')}</button>
        </>
      }
    >
      <form
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={inputId}>{t('newFolder.name')}</label>
        <input
          id={inputId}
          type="text"
          autoFocus
          value={name}
          aria-invalid={Boolean(error)}
          aria-describedby={`${inputId}-hint${error ? ` ${inputId}-error` : ''}`}
          onChange={(e) => {
            setName(e.target.value);
            setTouched(true);
            setServerError(null);
          }}
        />
        <div className="hint" id={`${inputId}-hint`}>{t('newFolder.hint')}</div>
        {error ? <div className="error" id={`${inputId}-error`} role="alert">{error}</div> : null}
      </form>
    </Modal>
  );
}

/** The browser host's option that sets its Downloads folder: a command line, the same in every language. */
const DOWNLOADS_OPTION = '--downloads FOLDER';

/** The browser host's Downloads folder, which the page can show but not change (only `--downloads` sets it). */
export function DownloadFolderDialog({ count, folder, onChoose, onCancel }: { count: number; folder: string; onChoose: () => Promise<string | null>; onCancel: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation(['library', 'common']);
  const submit = async () => {
    setBusy(true);
    const failure = await onChoose();
    setBusy(false);
    setError(failure);
  };
  return (
    <Modal
      title={t('download.title', { count })}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>{t('common:action.cancel')}</button>
          <button type="button" className="primary" autoFocus disabled={busy} onClick={() => void submit()}>{t('download.button')}</button>
        </>
      }
    >
      <div className="field">
        <p>
          <Trans t={t} i18nKey="download.savedIn" values={{ folder }} components={{ path: <span className="mono" /> }} />
        </p>
        <div className="hint">
          <Trans t={t} i18nKey="download.hint" values={{ option: DOWNLOADS_OPTION }} components={{ code: <span className="mono" style={{ whiteSpace: 'nowrap' }} /> }} />
        </div>
        {error ? <div className="error" role="alert">{error}</div> : null}
      </div>
    </Modal>
  );
}
