// The library browser's dialogs: a modal base on <dialog> (focus kept inside, Escape cancels), the new-folder
// form and the download folder choice. The conflict question is the app's one (components/ConflictDialog.tsx).
import { useId, useState, type ReactNode } from 'react';
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
  const problem = libraryIdProblem(name);
  const error = !touched ? null : problem ? `This name cannot be used: ${problem}.` : existing.has(name) ? `A folder named "${name}" already exists.` : serverError;
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
      title="New folder"
      onCancel={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>Cancel</button>
          <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>{busy ? 'Creating…' : 'Create folder'}</button>
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
        <label htmlFor={inputId}>Folder name</label>
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
        <div className="hint" id={`${inputId}-hint`}>Up to 200 characters; no slashes, no "..", no spaces at either end. Only you can see a new folder until you change its permissions.</div>
        {error ? <div className="error" id={`${inputId}-error`} role="alert">{error}</div> : null}
      </form>
    </Modal>
  );
}

/** Where downloads go, when the host cannot show the system's folder dialog (the browser host): an editable path. */
/** The browser host's Downloads folder, which the page can show but not change (only `--downloads` sets it). */
export function DownloadFolderDialog({ count, folder, onChoose, onCancel }: { count: number; folder: string; onChoose: () => Promise<string | null>; onCancel: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const failure = await onChoose();
    setBusy(false);
    setError(failure);
  };
  return (
    <Modal
      title={`Download ${count === 1 ? '1 file' : `${count.toLocaleString()} files`}`}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>Cancel</button>
          <button type="button" className="primary" autoFocus disabled={busy} onClick={() => void submit()}>Download</button>
        </>
      }
    >
      <div className="field">
        <p>
          Saved in your Downloads folder, <span className="mono">{folder}</span>.
        </p>
        <div className="hint">It is set when the app starts (<span className="mono">--downloads FOLDER</span>). Each file is written under a temporary name and renamed only when it is complete.</div>
        {error ? <div className="error" role="alert">{error}</div> : null}
      </div>
    </Modal>
  );
}
