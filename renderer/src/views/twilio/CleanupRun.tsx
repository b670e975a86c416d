// A clean-up run as it goes: a progress bar, a result per item, Stop, and the report to save. The run lives in main;
// a query asks for the new results every 300 ms while it runs (only those not yet in the cache, one request at a
// time), so leaving the screen and coming back loses nothing.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { TwilioCleanupStatus } from '../../../../main/common/methods/twilio';
import { call, UiError } from '../../bridge';
import { useFocusLanding } from '../../hooks/focus-landing';
import { CleanupList } from './CleanupList';
import { Trans, useFormats, useTranslation } from '../../i18n';
import { saveText } from './format';
import { twilioKeys } from './queries';
import { TwilioError } from './TwilioError';

const POLL_MS = 300;

/** The run's status with every result so far: each poll asks only for the results after those in the cache. */
function useCleanupStatus(initial: TwilioCleanupStatus) {
  const client = useQueryClient();
  const key = twilioKeys.cleanupRun(initial.accountId, initial.runId);
  return useQuery({
    queryKey: key,
    initialData: initial,
    queryFn: async (): Promise<TwilioCleanupStatus> => {
      const shown = client.getQueryData<TwilioCleanupStatus>(key) ?? initial;
      const seen = shown.from + shown.results.length;
      const next = await call('twilio.cleanupStatus', { runId: initial.runId, since: seen });
      return { ...next, from: shown.from, results: [...shown.results, ...next.results.slice(Math.max(0, seen - next.from))] };
    },
    refetchInterval: (query) => (query.state.data?.state === 'finished' ? false : POLL_MS),
  });
}

/** `onState` tells the screen when the run moves on (it allows a new count only once the run is finished). */
export function CleanupRun({ initial, onState }: { initial: TwilioCleanupStatus; onState: (state: TwilioCleanupStatus['state']) => void }) {
  const { t } = useTranslation('twilio');
  const f = useFormats();
  const client = useQueryClient();
  const query = useCleanupStatus(initial);
  const status = query.data;
  const results = status.results;
  const [actionError, setActionError] = useState<unknown>();
  const error = actionError ?? (query.isError ? query.error : undefined);

  useEffect(() => onState(status.state), [onState, status.state]);
  // The confirm button that started the run, then Stop, leave the page: the heading saying where the run is (its
  // result at the end) takes the focus they had.
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusLanding(status.state, () => heading.current);

  const stop = async () => {
    try {
      const next = await call('twilio.cleanupStop', { runId: initial.runId });
      client.setQueryData<TwilioCleanupStatus>(twilioKeys.cleanupRun(initial.accountId, initial.runId), (s) => (s ? { ...s, state: next.state } : s));
    } catch (err) {
      setActionError(err);
    }
  };
  const save = async (format: 'csv' | 'json') => {
    try {
      const { fileName, text } = await call('twilio.cleanupReport', { runId: initial.runId, format });
      saveText(fileName, text, format === 'csv' ? 'text/csv' : 'application/json');
    } catch (err) {
      setActionError(err);
    }
  };

  const { totals, total, done } = status;
  const finished = status.state === 'finished';
  const percent = total === 0 ? 100 : Math.round((100 * done) / total);
  const summary = t('run.summary', { deleted: totals.deleted, gone: totals.gone, failed: totals.failed, skipped: totals.skipped });
  const title = finished ? (status.stopped ? t('run.stopped') : t('run.finished')) : status.state === 'stopping' ? t('run.stopping') : t('run.deleting');

  return (
    <section className="twilio-run" aria-labelledby="twilio-run-title">
      <h3 id="twilio-run-title" ref={heading} tabIndex={-1}>
        {title}
      </h3>
      <div className="twilio-run-progress">
        <progress max={Math.max(1, total)} value={done} aria-label={t('run.progressLabel')} aria-valuetext={t('run.progressValue', { done: f.number(done), count: total })} />
        <span>{t('run.progress', { done: f.number(done), count: total, percent })}</span>
      </div>
      <p role="status" className={finished ? (totals.failed > 0 || status.error ? 'banner warn' : 'banner ok') : 'subtle'}>
        {status.excluded > 0 ? t('run.summaryExcluded', { summary, count: status.excluded }) : summary}
        {finished && status.stopped && !status.error ? (
          <>
            <br />
            {t('run.stoppedEarly')}
          </>
        ) : null}
      </p>
      {status.error ? <TwilioError error={new UiError(status.error)} /> : null}
      <TwilioError error={error} />
      <div className="actions">
        {!finished ? (
          <button type="button" className="danger" onClick={() => void stop()} disabled={status.state === 'stopping'}>
            {status.state === 'stopping' ? t('run.stopping') : t('run.stop')}
          </button>
        ) : null}
        <button type="button" onClick={() => void save('csv')}>
          {t('run.saveCsv')}
        </button>
        <button type="button" onClick={() => void save('json')}>
          {t('run.saveJson')}
        </button>
      </div>
      <p className="hint">
        <Trans t={t} i18nKey="run.journal" values={{ path: status.journalPath }} components={{ mono: <span className="mono" /> }} />
      </p>
      {results.length > 0 ? <CleanupList accountId={initial.accountId} items={results} label={t('run.resultsLabel')} /> : null}
    </section>
  );
}
