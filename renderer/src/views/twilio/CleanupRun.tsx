// A clean-up run as it goes: a progress bar, a result per item, Stop, and the report to save. The run is a job in
// the transfer queue (also listed under Transfers): this follows the job's events for where it is, and reads the
// new results in detail (a media's message, sender, date) from main each time the job moves on, only those not yet
// in the cache, so leaving the screen and coming back loses nothing.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { TwilioCleanupStatus } from '../../../../main/common/methods/twilio';
import { FINAL_STATES } from '../../../../main/common/transfers';
import { call, UiError } from '../../bridge';
import { useFocusLanding } from '../../hooks/focus-landing';
import { reportNotSaved, reportSaved } from '../../store/download-notices';
import { useJob } from '../../store/jobs';
import { useNotices } from '../../store/notices-store';
import { CleanupList } from './CleanupList';
import { Trans, useFormats, useTranslation } from '../../i18n';
import { twilioKeys } from './queries';
import { TwilioError } from './TwilioError';

/** The run's status with every result so far: each read asks only for the results after those in the cache. */
function useCleanupStatus(initial: TwilioCleanupStatus, moved: unknown) {
  const client = useQueryClient();
  const key = twilioKeys.cleanupRun(initial.accountId, initial.runId);
  const query = useQuery({
    queryKey: key,
    initialData: initial,
    queryFn: async (): Promise<TwilioCleanupStatus> => {
      const shown = client.getQueryData<TwilioCleanupStatus>(key) ?? initial;
      const seen = shown.from + shown.results.length;
      const next = await call('twilio.cleanupStatus', { runId: initial.runId, since: seen });
      // A retry from Transfers runs it again from the start: its results replace the ones shown.
      if (next.startedAt !== shown.startedAt) return next.from === 0 ? next : await call('twilio.cleanupStatus', { runId: initial.runId, since: 0 });
      return { ...next, from: shown.from, results: [...shown.results, ...next.results.slice(Math.max(0, seen - next.from))] };
    },
  });
  const { refetch } = query;
  useEffect(() => {
    void refetch();
  }, [moved, refetch]);
  return query;
}

/** `onState` tells the screen when the run moves on (it allows a new count only once the run is finished). */
export function CleanupRun({ initial, onState }: { initial: TwilioCleanupStatus; onState: (state: TwilioCleanupStatus['state']) => void }) {
  const { t } = useTranslation(['twilio', 'shell']);
  const f = useFormats();
  const notices = useNotices();
  const job = useJob(initial.jobId);
  const query = useCleanupStatus(initial, job ? `${job.state}/${job.bytesDone}/${job.startedAt ?? ''}` : undefined);
  const status = query.data;
  const results = status.results;
  const [actionError, setActionError] = useState<unknown>();
  const error = actionError ?? (query.isError ? query.error : undefined);
  // A job that ended without its run ending (the host stopped under it) is over all the same.
  const state: TwilioCleanupStatus['state'] = job && FINAL_STATES.includes(job.state) ? 'finished' : status.state;

  useEffect(() => onState(state), [onState, state]);
  // The confirm button that started the run, then Stop, leave the page: the heading saying where the run is (its
  // result at the end) takes the focus they had.
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusLanding(state, () => heading.current);

  const stop = async () => {
    try {
      await call('transfers.cancel', { ids: [initial.jobId] });
      await query.refetch();
    } catch (err) {
      setActionError(err);
    }
  };
  const save = async (format: 'csv' | 'json') => {
    try {
      const { savedTo } = await call('twilio.cleanupReport', { runId: initial.runId, format });
      notices.show({ key: `cleanup-report:${initial.runId}`, ...reportSaved(savedTo) });
    } catch (err) {
      notices.show({ key: `cleanup-report:${initial.runId}`, ...reportNotSaved(err) });
    }
  };

  const { totals, total } = status;
  // The job's count moves with its events; the results read in detail can be a moment behind.
  const done = Math.max(status.done, job?.bytesDone ?? 0);
  const finished = state === 'finished';
  const percent = total === 0 ? 100 : Math.round((100 * done) / total);
  const summary = t('run.summary', { deleted: totals.deleted, gone: totals.gone, failed: totals.failed, skipped: totals.skipped });
  const waiting = job?.state === 'queued';
  const title = finished ? (status.stopped || job?.state === 'cancelled' || job?.state === 'failed' ? t('run.stopped') : t('run.finished')) : state === 'stopping' ? t('run.stopping') : waiting ? t('shell:job.queued') : t('run.deleting');

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
        {finished && (status.stopped || job?.state === 'cancelled' || job?.state === 'failed') && !status.error ? (
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
          <button type="button" className="danger" onClick={() => void stop()} disabled={state === 'stopping'}>
            {state === 'stopping' ? t('run.stopping') : t('run.stop')}
          </button>
        ) : null}
        <button type="button" onClick={() => void save('csv')}>
          {t('run.saveCsv')}
        </button>
        <button type="button" onClick={() => void save('json')}>
          {t('run.saveJson')}
        </button>
      </div>
      <p className="hint">{t('run.inTransfers')}</p>
      <p className="hint">
        <Trans t={t} i18nKey="run.journal" values={{ path: status.journalPath }} components={{ mono: <span className="mono" /> }} />
      </p>
      {results.length > 0 ? <CleanupList accountId={initial.accountId} items={results} label={t('run.resultsLabel')} /> : null}
    </section>
  );
}
