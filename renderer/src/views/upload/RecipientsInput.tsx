import { useId, useState, type KeyboardEvent } from 'react';

/** Recipients as removable chips; Enter, comma, semicolon or a paste of many adds them. */
export function RecipientsInput({ value, onChange }: { value: string[]; onChange: (next: string[]) => void }) {
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
  return (
    <div className="field">
      <label htmlFor={id}>Recipients</label>
      <div className="chips">
        {value.map((r) => (
          <span key={r} className="chip">
            {r}
            <button type="button" className="chip-remove" aria-label={`Remove recipient ${r}`} onClick={() => onChange(value.filter((x) => x !== r))}>×</button>
          </span>
        ))}
        <input
          id={id}
          type="text"
          value={draft}
          placeholder={value.length === 0 ? '+15551234567, +15557654321' : ''}
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
      <div className="hint">Press Enter after each number or address, or paste several at once.</div>
    </div>
  );
}
