// The one question asked when a transfer meets a name that is already taken, in the library (uploads, downloads)
// and in the Twilio viewer (downloads): the same choices in the same words, asked one name at a time.
// Safe by default: "apply to all remaining" starts unticked and the focus starts on Skip, so a reflexive Enter
// neither replaces a file nor settles every other name; Escape and Cancel all drop the whole transfer.
import { useEffect, useId, useRef, useState } from 'react';
import { useModalDialog } from '../hooks/useModalDialog';

export type ConflictDecision = 'replace' | 'keepBoth' | 'skip';

export const CONFLICT_CHOICES: ReadonlyArray<{ value: ConflictDecision; label: string; hint: string }> = [
  { value: 'skip', label: 'Skip', hint: 'leave this file out; the one already there stays as it is' },
  { value: 'keepBoth', label: 'Keep both', hint: 'save this one beside it as "name (1)"' },
  { value: 'replace', label: 'Replace', hint: 'the file already there is replaced by this one' },
];

interface ConflictDialogProps {
  /** The names already taken, in the order they are asked about. */
  names: readonly string[];
  /** Where they are taken, in words: `folder "photos"` or a path on this computer. */
  where: string;
  /** Every name decided: each name maps to what to do with it. */
  onDone: (decisions: Map<string, ConflictDecision>) => void;
  /** Cancel all (or Escape): nothing of this transfer is done. */
  onCancel: () => void;
}

export function ConflictDialog({ names, where, onDone, onCancel }: ConflictDialogProps) {
  const ref = useModalDialog();
  const titleId = useId();
  const checkId = useId();
  const [index, setIndex] = useState(0);
  const [applyToAll, setApplyToAll] = useState(false);
  const [decisions] = useState(() => new Map<string, ConflictDecision>());
  // Skip has the focus for each new name: after showModal (which focuses the first button), and after an answer.
  const skip = useRef<HTMLButtonElement>(null);
  useEffect(() => skip.current?.focus(), [index]);
  const name = names[index] ?? '';
  const left = names.length - index - 1;

  const decide = (value: ConflictDecision) => {
    for (const n of applyToAll ? names.slice(index) : [name]) decisions.set(n, value);
    if (applyToAll || left === 0) onDone(decisions);
    else setIndex(index + 1);
  };

  return (
    <dialog
      ref={ref}
      className="dialog wide conflict-dialog"
      aria-labelledby={titleId}
      data-testid="conflict-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{names.length > 1 ? `${names.length} names are already taken` : 'This name is already taken'}</h2>
      <div className="dialog-body">
        <p>
          <strong className="mono conflict-name">{name}</strong> already exists in <span className="conflict-name">{where}</span>.
          {names.length > 1 ? <span className="subtle"> ({index + 1} of {names.length})</span> : null}
        </p>
        <ul className="conflict-hints">
          {CONFLICT_CHOICES.map((choice) => (
            <li key={choice.value}>
              <strong>{choice.label}:</strong> {choice.hint}
            </li>
          ))}
        </ul>
        {left > 0 ? (
          <label className="check" htmlFor={checkId}>
            <input id={checkId} type="checkbox" checked={applyToAll} onChange={(e) => setApplyToAll(e.target.checked)} />
            Do the same for the {left === 1 ? 'other name' : `${left.toLocaleString()} other names`} already taken
          </label>
        ) : null}
      </div>
      <div className="dialog-actions conflict-actions">
        <button type="button" onClick={onCancel}>
          Cancel all
        </button>
        {CONFLICT_CHOICES.map((choice) => (
          <button
            key={choice.value}
            type="button"
            ref={choice.value === 'skip' ? skip : undefined}
            className={choice.value === 'replace' ? 'danger' : ''}
            title={choice.hint}
            onClick={() => decide(choice.value)}
          >
            {choice.label}
          </button>
        ))}
      </div>
    </dialog>
  );
}
