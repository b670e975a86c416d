// The library browser's dialogs: a modal base on <dialog> (focus kept inside, Escape cancels), the new-folder
// form, the download folder choice, and the conflict question asked once with "apply to all".
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

export interface ConflictChoice<T extends string> {
  value: T;
  label: string;
  /** What it does, for the button's description. */
  hint: string;
}

/**
 * Asks what to do with each name that is already taken, one at a time, with "do the same for the rest" checked by
 * default, so one answer settles them all unless the user wants to decide each.
 */
export function ConflictDialog<T extends string>({
  names,
  where,
  choices,
  onDone,
  onCancel,
}: {
  names: readonly string[];
  where: string;
  choices: ReadonlyArray<ConflictChoice<T>>;
  onDone: (decisions: Map<string, T>) => void;
  onCancel: () => void;
}) {
  const [index, setIndex] = useState(0);
  const [applyToAll, setApplyToAll] = useState(true);
  const [decisions] = useState(() => new Map<string, T>());
  const checkId = useId();
  const name = names[index] ?? '';
  const left = names.length - index - 1;
  const decide = (value: T) => {
    if (applyToAll) {
      for (const n of names.slice(index)) decisions.set(n, value);
      onDone(decisions);
      return;
    }
    decisions.set(name, value);
    if (left === 0) onDone(decisions);
    else setIndex(index + 1);
  };
  return (
    <Modal
      title={names.length > 1 ? `${names.length} names are already taken` : 'This name is already taken'}
      onCancel={onCancel}
      testId="conflict-dialog"
      actions={
        <>
          <button type="button" onClick={onCancel}>Cancel all</button>
          {choices.map((choice) => (
            <button key={choice.value} type="button" className={choice.value === choices[0]?.value ? 'primary' : ''} title={choice.hint} onClick={() => decide(choice.value)}>
              {choice.label}
            </button>
          ))}
        </>
      }
    >
      <p>
        <strong className="mono">{name}</strong> already exists in {where}.
        {names.length > 1 ? <span className="subtle"> ({index + 1} of {names.length})</span> : null}
      </p>
      <ul className="conflict-hints">
        {choices.map((choice) => (
          <li key={choice.value}>
            <strong>{choice.label}:</strong> {choice.hint}
          </li>
        ))}
      </ul>
      {left > 0 ? (
        <label className="check" htmlFor={checkId}>
          <input id={checkId} type="checkbox" checked={applyToAll} onChange={(e) => setApplyToAll(e.target.checked)} />
          Apply to all {left + 1} remaining conflicts
        </label>
      ) : null}
    </Modal>
  );
}
