// A day, typed in the order and with the separators of the window's language (English 2026-12-05, Japanese
// 2026/12/05), its format hint from the catalogue. Chromium's own date input draws its placeholder (mm/dd/yyyy) and
// its order from the browser's locale, whatever the app's language, and no attribute changes that; its calendar is
// kept behind a button, for a mouse. The value given and taken is ISO (yyyy-mm-dd), or '' for no day; what does not
// read as a day is passed on as typed, for the form to refuse (isDayOrEmpty).
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../i18n';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is '' or a real ISO day (no 2026-02-30). */
export function isDayOrEmpty(value: string): boolean {
  if (value === '') return true;
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A typed day as ISO: year, month and day in that order, separated by '-' (or another dash), '/', '.' or 年/月(/日), full-width digits
 * (a Japanese input method's) read as digits. '' for nothing typed; null for what is not a day.
 */
export function parseDay(text: string): string | null {
  const plain = text.normalize('NFKC').trim();
  if (plain === '') return '';
  // NFKC leaves the dashes an input method may type as they are: the long-vowel mark ー, the minus sign and hyphens.
  const match = /^(\d{4})\s*[-/.年\u2010-\u2015\u2212\u30fc]\s*(\d{1,2})\s*[-/.月\u2010-\u2015\u2212\u30fc]\s*(\d{1,2})\s*日?$/.exec(plain);
  if (!match) return null;
  const iso = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  return isDayOrEmpty(iso) ? iso : null;
}

/** What a form says when one of its days is not one (null when all are days or empty), in the window's language. */
export function useDayProblem(values: readonly string[]): string | null {
  const { t } = useTranslation('common');
  return values.every(isDayOrEmpty) ? null : t('date.invalid', { example: `2026${t('date.separator')}12${t('date.separator')}05` });
}

interface DateFieldProps {
  label: string;
  /** The class of the field's box (label above the input), as the form's other fields have it. */
  className: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  min?: string | undefined;
  max?: string | undefined;
}

/**
 * The label, the input and the calendar's button. The label names the input alone (the button is beside it, not in
 * it), and the format hint describes it.
 */
export function DateField({ label, className, value, onChange, required, min, max }: DateFieldProps) {
  const { t } = useTranslation('common');
  const separator = t('date.separator');
  // ISO with the language's separator: the order stays year, month, day in both languages.
  const shown = (iso: string) => iso.replaceAll('-', separator);
  const [text, setText] = useState(() => shown(value));
  const shownWith = useRef(separator);
  const picker = useRef<HTMLInputElement>(null);
  const id = useId();
  const hintId = `${id}-hint`;
  // A value changed from outside (cleared, restored): shown anew, unless it is what is being typed (2026/12/1 on the
  // way to 2026/12/15 is left alone). The language switched: a day typed is a day, shown in the new form at once;
  // what is no day yet stays as typed, for the user to finish.
  useEffect(() => {
    const switched = shownWith.current !== separator;
    shownWith.current = separator;
    setText((typed) => {
      const day = parseDay(typed);
      if (day !== value) return isDayOrEmpty(value) ? shown(value) : typed;
      return switched && day ? shown(day) : typed;
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `shown` follows `separator`, listed
  }, [value, separator]);
  const parsed = parseDay(text);
  const typed = (next: string) => {
    setText(next);
    const day = parseDay(next);
    onChange(day ?? next);
  };
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <span className="date-field">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          required={required}
          placeholder={t('date.placeholder')}
          aria-describedby={hintId}
          aria-invalid={parsed === null}
          value={text}
          onChange={(e) => typed(e.target.value)}
          // A day read is written back in the language's form (2026/12/5 becomes 2026/12/05); what is not one stays.
          onBlur={() => parsed && setText(shown(parsed))}
        />
        <button
          type="button"
          className="small date-pick"
          aria-label={t('date.pick')}
          title={t('date.pick')}
          tabIndex={-1}
          onClick={() => {
            const input = picker.current;
            if (!input) return;
            input.value = parsed ?? '';
            try {
              input.showPicker();
            } catch {
              // A browser without showPicker: the field is typed in instead.
            }
          }}
        >
          <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5">
            <rect x="2" y="3" width="12" height="11" rx="1.5" />
            <path d="M2 6.5h12M5.5 1.5v3M10.5 1.5v3" />
          </svg>
        </button>
        <input
          ref={picker}
          type="date"
          className="date-picker-proxy"
          tabIndex={-1}
          aria-hidden="true"
          min={min}
          max={max}
          onChange={(e) => typed(shown(e.target.value))}
        />
      </span>
      <span id={hintId} hidden>{t('date.hint', { example: shown('2026-12-05') })}</span>
    </div>
  );
}
