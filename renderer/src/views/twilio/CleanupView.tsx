// The clean-up screen: Twilio keeps media until someone deletes it. Choose the days (and optionally a sender or a
// recipient), count first (a dry run that deletes nothing, run as a cancellable job in the transfer queue, with the
// list of what it found, each item with a thumbnail and a box to leave it out), then delete with a confirmation,
// following the run in CleanupRun.
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
import { gmtDay, plural } from './format';
import { twilioKeys } from './queries';
import { TwilioError } from './TwilioError';

interface Criteria {
  dateFrom: string;
  dateTo: string;
  from: string;
  to: string;
}

export function CleanupView({ accountId, accountLabel }: { accountId: string; accountLabel: string }) {
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
  const rangeProblem = !criteria.dateFrom || !criteria.dateTo ? 'Choose the first and the last day.' : criteria.dateFrom > criteria.dateTo ? 'The first day is after the last day.' : undefined;

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
    <section className="twilio-cleanup" aria-label="Clean up old media">
      <p className="subtle">
        Twilio keeps the media of messages until someone deletes them. Choose the days the media were added; count them first, nothing is deleted until you
        confirm. The messages themselves stay.
      </p>
      <form
        className="twilio-clean-form"
        aria-label="Media to clean up"
        onSubmit={(event) => {
          event.preventDefault();
          if (!rangeProblem) void count();
        }}
      >
        <fieldset>
          <legend>Media added between (GMT days, both included)</legend>
          <div className="twilio-filter-row">
            <label className="twilio-filter">
              <span>First day</span>
              <input type="date" required value={criteria.dateFrom} max={criteria.dateTo || undefined} onChange={(e) => set({ dateFrom: e.target.value })} />
            </label>
            <label className="twilio-filter">
              <span>Last day</span>
              <input type="date" required value={criteria.dateTo} min={criteria.dateFrom || undefined} onChange={(e) => set({ dateTo: e.target.value })} />
            </label>
            <label className="twilio-filter">
              <span>Sender (optional)</span>
              <input type="search" inputMode="tel" value={criteria.from} onChange={(e) => set({ from: e.target.value })} />
            </label>
            <label className="twilio-filter">
              <span>Recipient (optional)</span>
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
            {counting ? 'Counting…' : 'Count'}
          </button>
          {plan && plan.count > 0 ? (
            <button type="button" className="danger" disabled={running || toDelete === 0} onClick={() => setConfirming(true)}>
              Delete {plural(toDelete, 'media', 'media')}
            </button>
          ) : null}
        </div>
      </form>
      <TwilioError error={error} />
      {counting && job ? (
        <div className="twilio-count-job">
          <p className="subtle">Reading the messages and their media in this range… nothing is deleted.</p>
          <JobProgress item={job} noun="messages read" />
        </div>
      ) : null}
      {job?.state === 'cancelled' ? (
        <p className="subtle" role="status">
          Count cancelled: nothing was deleted. Count again to see what the range holds.
        </p>
      ) : null}
      {plan ? (
        <div className="twilio-plan">
          <p role="status" className={plan.count === 0 ? 'empty' : 'twilio-plan-count'}>
            {plan.count === 0
              ? `No media were added in this range (${plural(plan.messagesScanned, 'message')} read). Choose other days, or clear the sender and recipient.`
              : `${plural(plan.count, 'media item', 'media items')} found in ${plural(plan.messagesScanned, 'message')} read. Nothing has been deleted yet.${toDelete < plan.count ? ` ${plural(plan.count - toDelete, 'item')} left out: ${plural(toDelete, 'media item', 'media items')} to delete.` : ' Untick an item to leave it out.'}`}
          </p>
          {plan.count > 0 ? <CleanupList accountId={accountId} items={plan.items} label="Media the clean-up would delete" excluded={excluded} onToggle={toggle} /> : null}
        </div>
      ) : null}
      {run ? <CleanupRun key={run.runId} initial={run} onState={onRunState} /> : null}
      {confirming && plan ? (
        <ConfirmDialog title={`Delete ${plural(toDelete, 'media item', 'media items')}?`} confirmLabel={`Delete ${plural(toDelete, 'media', 'media')}`} destructive onConfirm={() => void start()} onCancel={() => setConfirming(false)}>
          <p>
            Every media item added from {plan.criteria.dateFrom} to {plan.criteria.dateTo}
            {plan.criteria.from ? ` sent by ${plan.criteria.from}` : ''}
            {plan.criteria.to ? ` to ${plan.criteria.to}` : ''} in “{accountLabel}”{toDelete < plan.count ? `, except the ${plural(plan.count - toDelete, 'item')} you left out,` : ''} is deleted from
            Twilio for good. You can stop at any time; a report says what was deleted.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
