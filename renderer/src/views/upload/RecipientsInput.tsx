import { useId, useState, type KeyboardEvent, type Ref } from 'react';
import { recipientProblem } from '../../../../main/common/recipients';
import { i18n, useTranslation } from '../../i18n';

/** A recipient quoted back only when short and printable, so that a hostile value cannot flood the message. */
const QUOTABLE = /^[\x20-\x7e]{1,40}$/;
/** An example of each form a recipient takes, the same in every language. */
const RECIPIENTS_EXAMPLE = '+15551234567, +15557654321';

/** Why one recipient cannot be used, in the reader's language; undefined when it can (main's rule decides). */
function recipientWords(recipient: string): string | undefined {
  if (recipientProblem(recipient) === undefined) return undefined;
  const value = recipient.trim();
  if (value === '') return i18n.t('upload:recipients.empty');
  return QUOTABLE.test(value) ? i18n.t('upload:recipients.invalidNamed', { value }) : i18n.t('upload:recipients.invalid');
}

/** The recipients the upload cannot go to, in words; undefined when all of them are fine. */
export function recipientsProblem(recipients: string[]): string | undefined {
  const problems = recipients.map(recipientWords).filter((p): p is string => p !== undefined);
  if (problems.length === 0) return undefined;
  return problems.length === 1 ? problems[0] : i18n.t('upload:recipients.invalidMany', { count: problems.length });
}

/**
 * Recipients as removable chips; Enter, comma, semicolon or a paste of many adds them. Each chip is checked with
 * the rule main applies (main/common/recipients.ts); `error` is what main said about the field.
 */
export function RecipientsInput({ value, onChange, error, inputRef }: { value: string[]; onChange: (next: string[]) => void; error?: string | undefined; inputRef?: Ref<HTMLInputElement> }) {
  const { t } = useTranslation('upload');
  const id = useId();
  const [draft, setDraft] = useState('');
  const add = (text: string) => {
    const parts = text.split(/[\s,;]+/).map((p) => p.trim()).filter(Boolean);
    if (parts.length === 0) return;
    onChange([...value, ...parts.filter((p) => !value.includes(p))]);
    setDraft('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',' || e.key === ';') {
      e.preventDefault();
      add(draft);
    } else if (e.key === 'Backspace' && draft === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };
  const shown = recipientsProblem(value) ?? error;
  return (
    <div className={`field${shown ? ' has-error' : ''}`}>
      <label htmlFor={id}>{t('recipients.label')}</label>
      <div className="chips">
        {value.map((r) => {
          const invalid = recipientProblem(r) !== undefined;
          return (
            <span key={r} className={`chip${invalid ? ' chip-invalid' : ''}`} data-invalid={invalid || undefined}>
              {r}
              {invalid ? <span className="visually-hidden"> {t('recipients.notValid')}</span> : null}
              <button type="button" className="chip-remove" aria-label={t('recipients.remove', { recipient: r })} onClick={() => onChange(value.filter((x) => x !== r))}>×</button>
            </span>
          );
        })}
        <input
          ref={inputRef}
          id={id}
          type="text"
          value={draft}
          aria-invalid={shown !== undefined}
          aria-describedby={`${id}-hint${shown ? ` ${id}-error` : ''}`}
          placeholder={value.length === 0 ? RECIPIENTS_EXAMPLE : ''}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => add(draft)}
          onPaste={(e) => {
            const text = e.clipboardData.getData('text');
            if (/[\s,;]/.test(text)) {
              e.preventDefault();
              add(text);
            }
          }}
        />
      </div>
      <div className="hint" id={`${id}-hint`}>{t('recipients.hint')}</div>
      {shown ? <div className="error" id={`${id}-error`} role="alert">{shown}</div> : null}
    </div>
  );
}
