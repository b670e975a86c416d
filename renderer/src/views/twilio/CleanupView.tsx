// The clean-up screen: Twilio keeps media until someone deletes it. Choose the days (and optionally a sender or a
// recipient), count first (a dry run that deletes nothing, run as a cancellable job in the transfer queue, with the
// list of what it found, each item with a thumbnail and a box to leave it out), then delete with a confirmation, as
// another job in the queue, followed in CleanupRun.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { TwilioCleanupPlan, TwilioCleanupStatus } from '../../../../main/common/methods/twilio';
import { FINAL_STATES, type TransferItem } from '../../../../main/common/transfers';
import { call, UiError } from '../../bridge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { JobProgress } from '../../components/JobProgress';
import { noteJob, useJob } from '../../store/jobs';
import { CleanupList } from './CleanupList';
import { CleanupRun } from './CleanupRun';
import { useFormats, useTranslation } from '../../i18n';
import { DateField, useDayProblem } from '../../components/DateField';
import { gmtDay } from './format';
import { twilioKeys } from './queries';
import { TwilioError } from './TwilioError';

interface Criteria {
  dateFrom: string;
  dateTo: string;
  from: string;
  to: string;
}

/** What the confirmation says is deleted: the days, the sender and recipient when chosen, the items left out. */
function ConfirmText({ plan, accountLabel, leftOut }: { plan: TwilioCleanupPlan; accountLabel: string; leftOut: number }) {
  const { t } = useTranslation('twilio');
  const f = useFormats();
  const { dateFrom, dateTo, from, to } = plan.criteria;
  const range = { first: f.gmtDay(dateFrom), last: f.gmtDay(dateTo), account: accountLabel };
  const who = from && to ? t('cleanup.confirm.fromTo', { from, to }) : from ? t('cleanup.confirm.from', { from }) : to ? t('cleanup.confirm.to', { to }) : null;
  return (
    <>
      <p>{leftOut > 0 ? t('cleanup.confirm.bodyExcept', { ...range, count: leftOut }) : t('cleanup.confirm.body', range)}</p>
      {who ? <p>{who}</p> : null}
      <p>{t('cleanup.confirm.stop')}</p>
    </>
  );
}

/** What the count found, and what will be deleted of it. */
function PlanSummary({ plan, toDelete }: { plan: TwilioCleanupPlan; toDelete: number }) {
  const { t } = useTranslation('twilio');
  const read = t('cleanup.plan.messagesRead', { count: plan.messagesScanned });
  if (plan.count === 0) return <>{t('cleanup.plan.none', { read })}</>;
  const leftOut = plan.count - toDelete;
  return (
    <>
      {t('cleanup.plan.found', { count: plan.count, read })}{' '}
      {leftOut > 0 ? t('cleanup.plan.leftOut', { count: leftOut, toDelete: t('cleanup.plan.mediaItems', { count: toDelete }) }) : t('cleanup.plan.untick')}
    </>
  );
}

export function CleanupView({ accountId, accountLabel }: { accountId: string; accountLabel: string }) {
  const { t } = useTranslation('twilio');
  const [criteria, setCriteria] = useState<Criteria>({ dateFrom: gmtDay(-365), dateTo: gmtDay(-90), from: '', to: '' });
  // The count is a job in the transfer queue: followed through its events, its plan read through the query cache.
  const [countJob, setCountJob] = useState<TransferItem | null>(null);
  const job = useJob(countJob?.id ?? null) ?? countJob;
  const planId = job?.state === 'done' ? job.result?.ref : undefined;
  const planQuery = useQuery({
    queryKey: twilioKeys.cleanupPlan(accountId, planId ?? ''),
    queryFn: () => call('twilio.cleanupGetPlan', { accountId, planId: planId ?? '' }),
    enabled: planId !== undefined,
    staleTime: Infinity,
  });
  const plan: TwilioCleanupPlan | null = planId !== undefined ? (planQuery.data ?? null) : null;
  const counting = job !== null && !FINAL_STATES.includes(job.state);
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const client = useQueryClient();
  const [started, setStarted] = useState<TwilioCleanupStatus | null>(null);
  const [runState, setRunState] = useState<TwilioCleanupStatus['state']>();
  const [actionError, setError] = useState<unknown>();

  // A run goes on in main when this screen is left: show it again on the way back.
  const latest = useQuery({ queryKey: twilioKeys.cleanupLatest(accountId), queryFn: () => call('twilio.cleanupLatest', { accountId }), staleTime: 0 });
  const run = started ?? latest.data ?? null;
  const countError = job?.state === 'failed' && job.error ? new UiError(job.error) : planQuery.isError ? planQuery.error : undefined;
  const error = actionError ?? countError ?? (latest.isError ? latest.error : undefined);
  const toDelete = plan ? plan.count - plan.items.filter((i) => excluded.has(i.mediaSid)).length : 0;
  const toggle = useCallback((mediaSid: string) => {
    setExcluded((before) => {
      const next = new Set(before);
      if (!next.delete(mediaSid)) next.add(mediaSid);
      return next;
    });
  }, []);

  const set = (patch: Partial<Criteria>) => {
    setCriteria((c) => ({ ...c, ...patch }));
    // A count is for the criteria it was made with.
    setCountJob(null);
    setExcluded(new Set());
  };
  const dayProblem = useDayProblem([criteria.dateFrom, criteria.dateTo]);
  const rangeProblem = dayProblem ?? (!criteria.dateFrom || !criteria.dateTo ? t('cleanup.noRange') : criteria.dateFrom > criteria.dateTo ? t('filters.rangeReversed') : undefined);

  const count = async () => {
    setError(undefined);
    setCountJob(null);
    setExcluded(new Set());
    try {
      const queued = await call('twilio.cleanupPlan', {
        accountId,
        dateFrom: criteria.dateFrom,
        dateTo: criteria.dateTo,
        ...(criteria.from.trim() ? { from: criteria.from.trim() } : {}),
        ...(criteria.to.trim() ? { to: criteria.to.trim() } : {}),
      });
      noteJob(queued);
      setCountJob(queued);
    } catch (err) {
      setError(err);
    }
  };

  const start = async () => {
    setConfirming(false);
    if (!plan) return;
    try {
      // Main drops the excluded media from the plan it kept: the count shown here decides nothing.
      const status = await call('twilio.cleanupStart', { accountId, planId: plan.planId, exclude: [...excluded] });
      client.setQueryData(twilioKeys.cleanupLatest(accountId), status);
      setStarted(status);
      setCountJob(null);
      setExcluded(new Set());
    } catch (err) {
      setError(err);
    }
  };

  const running = run !== null && (runState ?? run.state) !== 'finished';
  const onRunState = useCallback((state: TwilioCleanupStatus['state']) => setRunState(state), []);
  return (
    <section className="twilio-cleanup" aria-label={t('panel.cleanupTitle')}>
      <p className="subtle">{t('cleanup.intro')}</p>
      <form
        className="twilio-clean-form"
        aria-label={t('cleanup.formLabel')}
        onSubmit={(event) => {
          event.preventDefault();
          if (!rangeProblem) void count();
        }}
      >
        <fieldset>
          <legend>{t('cleanup.legend')}</legend>
          <div className="twilio-filter-row">
            <DateField label={t('cleanup.firstDay')} className="twilio-filter" required value={criteria.dateFrom} max={criteria.dateTo || undefined} onChange={(day) => set({ dateFrom: day })} />
            <DateField label={t('cleanup.lastDay')} className="twilio-filter" required value={criteria.dateTo} min={criteria.dateFrom || undefined} onChange={(day) => set({ dateTo: day })} />
            <label className="twilio-filter">
              <span>{t('cleanup.sender')}</span>
              <input type="search" inputMode="tel" value={criteria.from} onChange={(e) => set({ from: e.target.value })} />
            </label>
            <label className="twilio-filter">
              <span>{t('cleanup.recipient')}</span>
              <input type="search" inputMode="tel" value={criteria.to} onChange={(e) => set({ to: e.target.value })} />
            </label>
          </div>
        </fieldset>
        {rangeProblem ? (
          <p className="twilio-filter-error" role="alert">
            {rangeProblem}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={counting || running || Boolean(rangeProblem)}>
            {counting ? t('cleanup.counting') : t('cleanup.count')}
          </button>
          {plan && plan.count > 0 ? (
            <button type="button" className="danger" disabled={running || toDelete === 0} onClick={() => setConfirming(true)}>
              {t('cleanup.delete', { count: toDelete })}
            </button>
          ) : null}
        </div>
      </form>
      <TwilioError error={error} />
      {counting && job ? (
        <div className="twilio-count-job">
          <p className="subtle">{t('cleanup.reading')}</p>
          <JobProgress item={job} noun={t('cleanup.countNoun')} />
        </div>
      ) : null}
      {job?.state === 'cancelled' ? (
        <p className="subtle" role="status">
          {t('cleanup.countCancelled')}
        </p>
      ) : null}
      {plan ? (
        <div className="twilio-plan">
          <p role="status" className={plan.count === 0 ? 'empty' : 'twilio-plan-count'}>
            <PlanSummary plan={plan} toDelete={toDelete} />
          </p>
          {plan.count > 0 ? <CleanupList accountId={accountId} items={plan.items} label={t('cleanup.planLabel')} excluded={excluded} onToggle={toggle} /> : null}
        </div>
      ) : null}
      {run ? <CleanupRun key={run.runId} initial={run} onState={onRunState} /> : null}
      {confirming && plan ? (
        <ConfirmDialog title={t('cleanup.confirm.title', { count: toDelete })} confirmLabel={t('cleanup.delete', { count: toDelete })} destructive onConfirm={() => void start()} onCancel={() => setConfirming(false)}>
          <ConfirmText plan={plan} accountLabel={accountLabel} leftOut={plan.count - toDelete} />
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
