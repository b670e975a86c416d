import { useId } from 'react';
import { useTranslation } from '../i18n';

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
  hint,
  error,
}: {
  label: string;
  isSet: boolean;
  change: SecretChange;
  onChange: (c: SecretChange) => void;
  /** Under the field; by default, how the secret is kept. */
  hint?: string;
  /** Said in words under the field (e.g. a user name without its password). */
  error?: string | undefined;
}) {
  const id = useId();
  const { t } = useTranslation('settings');
  if (isSet && change.kind === 'keep') {
    return (
      <div className="field">
        <span className="label-text" id={`${id}-label`}>{label}</span>
        <div className="inline" aria-labelledby={`${id}-label`}>
          <span className="subtle">{t('secret.saved')}</span>
          <button type="button" onClick={() => onChange({ kind: 'set', value: '' })}>{t('secret.change')}</button>
          <button type="button" onClick={() => onChange({ kind: 'remove' })}>{t('secret.remove')}</button>
        </div>
      </div>
    );
  }
  if (change.kind === 'remove') {
    return (
      <div className="field">
        <span className="label-text">{label}</span>
        <div className="inline">
          <span className="subtle">{t('secret.willBeRemoved')}</span>
          <button type="button" onClick={() => onChange({ kind: 'keep' })}>{t('secret.undo')}</button>
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
      <div className="hint" id={`${id}-hint`}>{hint ?? t('secret.hint')}</div>
      {error ? <div className="error" id={`${id}-error`} role="alert">{error}</div> : null}
    </div>
  );
}
