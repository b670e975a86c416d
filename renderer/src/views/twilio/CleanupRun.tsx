// A clean-up run as it goes: a progress bar, a result per item, Stop, and the report to save. The run lives in main;
// this view asks for the new results every 300 ms (only those it has not seen), so leaving the screen and coming
// back loses nothing.
import { useEffect, useRef, useState } from 'react';
import type { TwilioCleanupResult, TwilioCleanupStatus } from '../../../../main/common/methods/twilio';
import { call, UiError } from '../../bridge';
import { CleanupList } from './CleanupList';
import { plural, saveText } from './format';
import { TwilioError } from './TwilioError';

const POLL_MS = 300;

/** `onState` tells the screen when the run moves on (it allows a new count only once the run is finished). */
export function CleanupRun({ initial, onState }: { initial: TwilioCleanupStatus; onState: (state: TwilioCleanupStatus['state']) => void }) {
  const [status, setStatus] = useState(initial);
  const [results, setResults] = useState<TwilioCleanupResult[]>(initial.results);
  const [error, setError] = useState<unknown>();
  const seen = useRef(initial.from + initial.results.length);

  useEffect(() => {
    if (status.state === 'finished') return;
    let live = true;
    const timer = setInterval(() => {
      call('twilio.cleanupStatus', { runId: initial.runId, since: seen.current }).then(
        (next) => {
          // A late answer to an earlier poll could repeat results: only those after what is shown are taken.
          if (!live || next.from !== seen.current) return;
          seen.current += next.results.length;
          setResults((r) => (next.results.length ? [...r, ...next.results] : r));
          setStatus(next);
        },
        (err: unknown) => live && setError(err),
      );
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [initial.runId, status.state]);

  useEffect(() => onState(status.state), [onState, status.state]);

  const stop = async () => {
    try {
      const next = await call('twilio.cleanupStop', { runId: initial.runId });
      setStatus((s) => ({ ...s, state: next.state }));
    } catch (err) {
      setError(err);
    }
  };
  const save = async (format: 'csv' | 'json') => {
    try {
      const { fileName, text } = await call('twilio.cleanupReport', { runId: initial.runId, format });
      saveText(fileName, text, format === 'csv' ? 'text/csv' : 'application/json');
    } catch (err) {
      setError(err);
    }
  };

  const { totals, total, done } = status;
  const finished = status.state === 'finished';
  const percent = total === 0 ? 100 : Math.round((100 * done) / total);
  const summary = `${totals.deleted} deleted · ${totals.gone} already gone · ${totals.failed} failed · ${totals.skipped} not deleted`;

  return (
    <section className="twilio-run" aria-labelledby="twilio-run-title">
      <h3 id="twilio-run-title">
        {finished ? (status.stopped ? 'Clean-up stopped' : 'Clean-up finished') : status.state === 'stopping' ? 'Stopping…' : 'Deleting media…'}
      </h3>
      <div className="twilio-run-progress">
        <progress max={Math.max(1, total)} value={done} aria-label="Clean-up progress" aria-valuetext={`${done} of ${total} media handled`} />
        <span>
          {done} of {plural(total, 'media', 'media')} ({percent}%)
        </span>
      </div>
      <p role="status" className={finished ? (totals.failed > 0 || status.error ? 'banner warn' : 'banner ok') : 'subtle'}>
        {summary}
        {finished && status.stopped && !status.error ? '. Stopped before the end: the items not deleted are still on Twilio.' : ''}
      </p>
      {status.error ? <TwilioError error={new UiError(status.error)} /> : null}
      <TwilioError error={error} />
      <div className="actions">
        {!finished ? (
          <button type="button" className="danger" onClick={() => void stop()} disabled={status.state === 'stopping'}>
            {status.state === 'stopping' ? 'Stopping…' : 'Stop'}
          </button>
        ) : null}
        <button type="button" onClick={() => void save('csv')}>
          Save report (CSV)
        </button>
        <button type="button" onClick={() => void save('json')}>
          Save report (JSON)
        </button>
      </div>
      <p className="hint">
        Every result is also written, as it happens, to <span className="mono">{status.journalPath}</span>.
      </p>
      {results.length > 0 ? <CleanupList items={results} label="Result for each media item, in the order handled" /> : null}
    </section>
  );
}
