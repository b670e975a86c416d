import { useEffect, useState } from 'react';
import { MESSAGE_SID } from '../../../../main/common/methods/twilio';
import { hasFilters, NO_FILTERS, type MessageFilterValues } from './queries';

/** Filters for the message list: applied with the button (or Enter); "only with media" applies at once. */
export function MessageFilters({ value, onApply }: { value: MessageFilterValues; onApply: (values: MessageFilterValues) => void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const set = (patch: Partial<MessageFilterValues>) => setDraft((d) => ({ ...d, ...patch }));
  const sid = draft.sid.trim();
  const rangeProblem =
    draft.dateSentAfter && draft.dateSentBefore && draft.dateSentAfter > draft.dateSentBefore
      ? 'The first day is after the last day.'
      : sid && !MESSAGE_SID.test(sid)
        ? 'A message SID is SM or MM followed by 32 hexadecimal characters.'
        : undefined;

  return (
    <form
      className="twilio-filters"
      aria-label="Filter messages"
      onSubmit={(event) => {
        event.preventDefault();
        if (!rangeProblem) onApply(draft);
      }}
    >
      <div className="twilio-filter-row">
        <label className="twilio-filter">
          <span>Sent from</span>
          <input type="date" value={draft.dateSentAfter} max={draft.dateSentBefore || undefined} onChange={(e) => set({ dateSentAfter: e.target.value })} />
        </label>
        <label className="twilio-filter">
          <span>Sent until</span>
          <input type="date" value={draft.dateSentBefore} min={draft.dateSentAfter || undefined} onChange={(e) => set({ dateSentBefore: e.target.value })} />
        </label>
        <label className="twilio-filter">
          <span>From</span>
          <input type="search" inputMode="tel" placeholder="+14155550100" value={draft.from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label className="twilio-filter">
          <span>To</span>
          <input type="search" inputMode="tel" placeholder="+14155550100" value={draft.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <label className="twilio-filter">
          <span>Message SID</span>
          <input type="search" spellCheck={false} placeholder="SM… or MM…" value={draft.sid} aria-invalid={Boolean(sid && !MESSAGE_SID.test(sid))} onChange={(e) => set({ sid: e.target.value })} />
        </label>
      </div>
      <div className="twilio-filter-row">
        <label className="check">
          <input
            type="checkbox"
            checked={draft.withMediaOnly}
            onChange={(e) => {
              const next = { ...draft, withMediaOnly: e.target.checked };
              setDraft(next);
              if (!rangeProblem) onApply(next);
            }}
          />
          Only messages with media
        </label>
        <span className="twilio-filter-actions">
          {hasFilters(value) ? (
            <button type="button" className="small" onClick={() => onApply(NO_FILTERS)}>
              Clear filters
            </button>
          ) : null}
          <button type="submit" className="small primary" disabled={Boolean(rangeProblem)}>
            Apply
          </button>
        </span>
      </div>
      {rangeProblem ? (
        <p className="twilio-filter-error" role="alert">
          {rangeProblem}
        </p>
      ) : (
        <p className="hint">Days are GMT, as Twilio counts them; both days are included.</p>
      )}
    </form>
  );
}
