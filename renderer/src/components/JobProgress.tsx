// A job over many items as it goes and as it ended: n of N with a bar and Cancel, then what was done to each item.
// Shared by the Transfers view, the access-list editor, the delete flow and the clean-up count.
import { useState } from 'react';
import { countOutcomes, FINAL_STATES, type JobItemOutcome, type JobItemResult, type TransferItem } from '../../../main/common/transfers';
import { call, messageOf } from '../bridge';
import './job-progress.css';

export const ITEM_OUTCOME_LABEL: Record<JobItemOutcome, string> = { ok: 'Done', refused: 'Refused', skipped: 'Skipped', cancelled: 'Not done' };

/** "1,234 of 10,000" (or "1,234 so far" when the total is not known yet). */
export function jobCount(item: TransferItem, noun = 'items'): string {
  const done = item.bytesDone.toLocaleString();
  return item.bytesTotal === null ? `${done} ${noun} so far` : `${done} of ${item.bytesTotal.toLocaleString()} ${noun}`;
}

/** "2,000 done · 3 refused · 40 not done (cancelled)": only the outcomes that happened. */
export function outcomeSummary(items: readonly JobItemResult[]): string {
  const counts = countOutcomes(items);
  const parts = [`${counts.ok.toLocaleString()} done`];
  if (counts.refused > 0) parts.push(`${counts.refused.toLocaleString()} refused`);
  if (counts.skipped > 0) parts.push(`${counts.skipped.toLocaleString()} skipped`);
  if (counts.cancelled > 0) parts.push(`${counts.cancelled.toLocaleString()} not done (cancelled)`);
  return parts.join(' · ');
}

/** Items shown at most when the list is opened: the rest are counted (the report is the job's result). */
const SHOWN = 1000;

/** Every item's result, those that did not succeed first; opened on demand (a job can have 10,000). */
export function JobItemList({ items, label }: { items: readonly JobItemResult[]; label: string }) {
  const [open, setOpen] = useState(false);
  const ordered = [...items.filter((i) => i.outcome !== 'ok'), ...items.filter((i) => i.outcome === 'ok')];
  return (
    <details className="job-items" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{label}</summary>
      {open ? (
        <ul aria-label={label}>
          {ordered.slice(0, SHOWN).map((item) => (
            <li key={item.name} className={`job-item outcome-${item.outcome}`}>
              <span className={`state-pill job-outcome outcome-${item.outcome}`}>{ITEM_OUTCOME_LABEL[item.outcome]}</span>
              <span className="mono job-item-name">{item.name}</span>
              {item.message ? <span className="job-item-message">{item.message}</span> : null}
            </li>
          ))}
          {ordered.length > SHOWN ? <li className="subtle">and {(ordered.length - SHOWN).toLocaleString()} more (all done)</li> : null}
        </ul>
      ) : null}
    </details>
  );
}

/** The running job's bar and Cancel; once ended, its summary and the result for each item. */
export function JobProgress({ item, noun = 'items' }: { item: TransferItem; noun?: string }) {
  const [cancelError, setCancelError] = useState<string | null>(null);
  const ended = FINAL_STATES.includes(item.state);
  const results = item.result?.items;
  const cancel = () => call('transfers.cancel', { ids: [item.id] }).then(() => undefined, (err: unknown) => setCancelError(messageOf(err)));
  return (
    <div className="job-progress" aria-label={`${item.title}: progress`}>
      {!ended ? (
        <div className="job-progress-bar">
          {item.bytesTotal ? (
            <progress max={item.bytesTotal} value={item.bytesDone} aria-label={item.title} aria-valuetext={jobCount(item, noun)} />
          ) : (
            <progress aria-label={item.title} aria-valuetext={jobCount(item, noun)} />
          )}
          <span role="status">{item.state === 'queued' ? 'Waiting for other transfers…' : item.state === 'checking' ? 'Reading what is there now…' : jobCount(item, noun)}</span>
          <button type="button" className="small" onClick={() => void cancel()}>Cancel</button>
        </div>
      ) : (
        <p role="status" className={item.state === 'done' && (!results || countOutcomes(results).refused === 0) ? 'banner ok' : 'banner warn'}>
          {item.state === 'cancelled' ? 'Cancelled: ' : item.state === 'failed' ? 'Failed: ' : ''}
          {results ? outcomeSummary(results) : item.error ? item.error.message : jobCount(item, noun)}
          {item.state === 'cancelled' && results ? '. The items not done were left as they were.' : ''}
        </p>
      )}
      {ended && item.state === 'failed' && item.error && results ? <p className="error">{item.error.message}</p> : null}
      {cancelError ? <p className="error" role="alert">{cancelError}</p> : null}
      {results && results.length > 0 ? <JobItemList items={results} label={`Result for each of the ${results.length.toLocaleString()} items`} /> : null}
    </div>
  );
}
