// The one question asked when a transfer meets a name that is already taken, in the library (uploads, downloads)
// and in the Twilio viewer (downloads): the same choices in the same words, asked one name at a time.
// Safe by default: "apply to all remaining" starts unticked and the focus starts on Skip, so a reflexive Enter
// neither replaces a file nor settles every other name; Escape and Cancel all drop the whole transfer.
import { useEffect, useId, useRef, useState } from 'react';
import { Trans, useTranslation } from '../i18n';
import { useModalDialog } from '../hooks/useModalDialog';

export type ConflictDecision = 'replace' | 'keepBoth' | 'skip';

/** The choices in the order they are offered; their words are conflict.choice.<value> and conflict.hint.<value>. */
export const CONFLICT_CHOICES: readonly ConflictDecision[] = ['skip', 'keepBoth', 'replace'];

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
  const { t } = useTranslation('shell');
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
      <h2 id={titleId}>{t('conflict.title', { count: names.length })}</h2>
      <div className="dialog-body">
        <p>
          <Trans
            t={t}
            i18nKey="conflict.exists"
            values={{ name, where }}
            components={{ name: <strong className="mono conflict-name" />, where: <span className="conflict-name" /> }}
          />
          {names.length > 1 ? <span className="subtle">{t('conflict.position', { n: index + 1, total: names.length })}</span> : null}
        </p>
        <ul className="conflict-hints">
          {CONFLICT_CHOICES.map((choice) => (
            <li key={choice}>
              <Trans
                t={t}
                i18nKey="conflict.choiceWithHint"
                values={{ choice: t(`conflict.choice.${choice}`), hint: t(`conflict.hint.${choice}`) }}
                components={{ choice: <strong /> }}
              />
            </li>
          ))}
        </ul>
        {left > 0 ? (
          <label className="check" htmlFor={checkId}>
            <input id={checkId} type="checkbox" checked={applyToAll} onChange={(e) => setApplyToAll(e.target.checked)} />
            {t('conflict.applyToAll', { count: left })}
          </label>
        ) : null}
      </div>
      <div className="dialog-actions conflict-actions">
        <button type="button" onClick={onCancel}>
          {t('conflict.cancelAll')}
        </button>
        {CONFLICT_CHOICES.map((choice) => (
          <button
            key={choice}
            type="button"
            ref={choice === 'skip' ? skip : undefined}
            className={choice === 'replace' ? 'danger' : ''}
            title={t(`conflict.hint.${choice}`)}
            onClick={() => decide(choice)}
          >
            {t(`conflict.choice.${choice}`)}
          </button>
        ))}
      </div>
    </dialog>
  );
}
