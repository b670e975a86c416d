// A job over many items as it goes and as it ended: n of N with a bar and Cancel, then what was done to each item.
// Shared by the Transfers view, the access-list editor, the delete flow and the clean-up count.
import { useState } from 'react';
import { countOutcomes, FINAL_STATES, type JobItemOutcome, type JobItemResult, type TransferItem } from '../../../main/common/transfers';
import { call, messageOf } from '../bridge';
import { errorText, i18n, saidText, useTranslation } from '../i18n';
import './job-progress.css';

const OUTCOMES: readonly JobItemOutcome[] = ['ok', 'refused', 'skipped', 'cancelled'];

/**
 * "1 of 1 item", "1,234 of 10,000 items" (or "1,234 items so far" when the total is not known yet); `noun` says
 * what is counted instead of items (a noun phrase of the caller's own, said as it is).
 */
export function jobCount(item: TransferItem, noun?: string): string {
  if (noun === undefined) {
    return item.bytesTotal === null ? i18n.t('shell:job.countItemsSoFar', { count: item.bytesDone }) : i18n.t('shell:job.countItems', { done: item.bytesDone, count: item.bytesTotal });
  }
  return item.bytesTotal === null ? i18n.t('shell:job.countSoFar', { done: item.bytesDone, noun }) : i18n.t('shell:job.count', { done: item.bytesDone, total: item.bytesTotal, noun });
}

/** "2,000 done · 3 refused · 40 not done (cancelled)": only the outcomes that happened. */
export function outcomeSummary(items: readonly JobItemResult[]): string {
  const counts = countOutcomes(items);
  const parts = OUTCOMES.filter((outcome) => outcome === 'ok' || counts[outcome] > 0).map((outcome) => i18n.t(`shell:job.summary.${outcome}`, { n: counts[outcome] }));
  return parts.join(i18n.t('shell:job.summarySeparator'));
}

/** Items shown at most when the list is opened: the rest are counted (the report is the job's result). */
const SHOWN = 1000;

/** An item's reason in the reader's language: main's phrase when it sent one, else its words. */
function itemMessage(item: JobItemResult): string | null {
  return item.message ? errorText({ ...item, message: item.message }) : null;
}

/** Every item's result, those that did not succeed first; opened on demand (a job can have 10,000). */
export function JobItemList({ items, label }: { items: readonly JobItemResult[]; label: string }) {
  const [open, setOpen] = useState(false);
  const { t } = useTranslation(['shell', 'common']);
  const ordered = [...items.filter((i) => i.outcome !== 'ok'), ...items.filter((i) => i.outcome === 'ok')];
  return (
    <details className="job-items" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{label}</summary>
      {open ? (
        <ul aria-label={label}>
          {ordered.slice(0, SHOWN).map((item) => (
            <li key={item.name} className={`job-item outcome-${item.outcome}`}>
              <span className={`state-pill job-outcome outcome-${item.outcome}`}>{t(`job.outcome.${item.outcome}`)}</span>
              <span className="mono job-item-name">{item.name}</span>
              {item.message ? <span className="job-item-message">{itemMessage(item)}</span> : null}
            </li>
          ))}
          {ordered.length > SHOWN ? <li className="subtle">{t('job.more', { n: ordered.length - SHOWN })}</li> : null}
        </ul>
      ) : null}
    </details>
  );
}

/** What an ended job did, in one sentence. */
function endedText(item: TransferItem, results: readonly JobItemResult[] | undefined, noun: string | undefined): string {
  const summary = results ? outcomeSummary(results) : item.error ? errorText(item.error) : jobCount(item, noun);
  if (item.state === 'cancelled') return i18n.t(results ? 'shell:job.cancelledWithResults' : 'shell:job.cancelled', { summary });
  if (item.state === 'failed') return i18n.t('shell:job.failed', { summary });
  return summary;
}

/** The running job's bar and Cancel; once ended, its summary and the result for each item. */
export function JobProgress({ item, noun }: { item: TransferItem; noun?: string }) {
  const [cancelError, setCancelError] = useState<string | null>(null);
  const { t } = useTranslation(['shell', 'common']);
  const ended = FINAL_STATES.includes(item.state);
  const results = item.result?.items;
  const cancel = () => call('transfers.cancel', { ids: [item.id] }).then(() => undefined, (err: unknown) => setCancelError(messageOf(err)));
  const count = jobCount(item, noun);
  const title = saidText(item.title, item.titlePhrase);
  return (
    <div className="job-progress" aria-label={t('job.progressLabel', { title })}>
      {!ended ? (
        <div className="job-progress-bar">
          {item.bytesTotal ? (
            <progress max={item.bytesTotal} value={item.bytesDone} aria-label={title} aria-valuetext={count} />
          ) : (
            <progress aria-label={title} aria-valuetext={count} />
          )}
          <span role="status">{item.state === 'queued' ? t('job.queued') : item.state === 'checking' ? t('job.checking') : count}</span>
          <button type="button" className="small" onClick={() => void cancel()}>{t('common:action.cancel')}</button>
        </div>
      ) : (
        <p role="status" className={item.state === 'done' && (!results || countOutcomes(results).refused === 0) ? 'banner ok' : 'banner warn'}>
          {endedText(item, results, noun)}
        </p>
      )}
      {ended && item.state === 'failed' && item.error && results ? <p className="error">{errorText(item.error)}</p> : null}
      {cancelError ? <p className="error" role="alert">{cancelError}</p> : null}
      {results && results.length > 0 ? <JobItemList items={results} label={t('job.resultsLabel', { count: results.length })} /> : null}
    </div>
  );
}
