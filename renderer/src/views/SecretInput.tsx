import { useId } from 'react';

export type SecretChange = { kind: 'keep' } | { kind: 'set'; value: string } | { kind: 'remove' };

/**
 * Write-only: the UI never receives a saved secret, only whether one is set. The user may keep it, replace it or
 * remove it.
 */
export function SecretInput({
  label,
  isSet,
  change,
  onChange,
  hint = 'Stored encrypted on this computer; never shown again.',
  error,
}: {
  label: string;
  isSet: boolean;
  change: SecretChange;
  onChange: (c: SecretChange) => void;
  hint?: string;
  /** Said in words under the field (e.g. a user name without its password). */
  error?: string | undefined;
}) {
  const id = useId();
  if (isSet && change.kind === 'keep') {
    return (
      <div className="field">
        <span className="label-text" id={`${id}-label`}>{label}</span>
        <div className="inline" aria-labelledby={`${id}-label`}>
          <span className="subtle">Saved (hidden)</span>
          <button type="button" onClick={() => onChange({ kind: 'set', value: '' })}>Change</button>
          <button type="button" onClick={() => onChange({ kind: 'remove' })}>Remove</button>
        </div>
      </div>
    );
  }
  if (change.kind === 'remove') {
    return (
      <div className="field">
        <span className="label-text">{label}</span>
        <div className="inline">
          <span className="subtle">Will be removed when you save.</span>
          <button type="button" onClick={() => onChange({ kind: 'keep' })}>Undo</button>
        </div>
      </div>
    );
  }
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        value={change.kind === 'set' ? change.value : ''}
        onChange={(e) => onChange(e.target.value === '' && !isSet ? { kind: 'keep' } : { kind: 'set', value: e.target.value })}
      />
      <div className="hint" id={`${id}-hint`}>{hint}</div>
      {error ? <div className="error" id={`${id}-error`} role="alert">{error}</div> : null}
    </div>
  );
}
