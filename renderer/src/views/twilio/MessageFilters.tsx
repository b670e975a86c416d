import { useEffect, useState } from 'react';
import { useFormats, useTranslation } from '../../i18n';
import { DateField, useDayProblem } from '../../components/DateField';
import { MESSAGE_SID } from '../../../../main/common/methods/twilio';
import { hasFilters, NO_FILTERS, type MessageFilterValues } from './queries';

/** An E.164 number as an example in the From and To fields. */
const PHONE_EXAMPLE = '+14155550100';

/** The applied days, said as Twilio counts them: GMT days, both included. */
function useDaysHint(value: MessageFilterValues): string {
  const { t } = useTranslation('twilio');
  const f = useFormats();
  const { dateSentAfter: first, dateSentBefore: last } = value;
  if (first && last) return t('filters.hintRange', { first: f.gmtDay(first), last: f.gmtDay(last) });
  if (first) return t('filters.hintFrom', { first: f.gmtDay(first) });
  if (last) return t('filters.hintUntil', { last: f.gmtDay(last) });
  return t('filters.hint');
}

/** Filters for the message list: applied with the button (or Enter); "only with media" applies at once. */
export function MessageFilters({ value, onApply }: { value: MessageFilterValues; onApply: (values: MessageFilterValues) => void }) {
  const { t } = useTranslation('twilio');
  const daysHint = useDaysHint(value);
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const set = (patch: Partial<MessageFilterValues>) => setDraft((d) => ({ ...d, ...patch }));
  const sid = draft.sid.trim();
  const dayProblem = useDayProblem([draft.dateSentAfter, draft.dateSentBefore]);
  const rangeProblem =
    dayProblem ??
    (draft.dateSentAfter && draft.dateSentBefore && draft.dateSentAfter > draft.dateSentBefore
      ? t('filters.rangeReversed')
      : sid && !MESSAGE_SID.test(sid)
        ? t('filters.badSid')
        : undefined);

  return (
    <form
      className="twilio-filters"
      aria-label={t('filters.label')}
      onSubmit={(event) => {
        event.preventDefault();
        if (!rangeProblem) onApply(draft);
      }}
    >
      <div className="twilio-filter-row">
        <DateField label={t('filters.sentFrom')} className="twilio-filter" value={draft.dateSentAfter} max={draft.dateSentBefore || undefined} onChange={(day) => set({ dateSentAfter: day })} />
        <DateField label={t('filters.sentUntil')} className="twilio-filter" value={draft.dateSentBefore} min={draft.dateSentAfter || undefined} onChange={(day) => set({ dateSentBefore: day })} />
        <label className="twilio-filter">
          <span>{t('filters.from')}</span>
          <input type="search" inputMode="tel" placeholder={PHONE_EXAMPLE} value={draft.from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label className="twilio-filter">
          <span>{t('filters.to')}</span>
          <input type="search" inputMode="tel" placeholder={PHONE_EXAMPLE} value={draft.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <label className="twilio-filter">
          <span>{t('filters.sid')}</span>
          <input type="search" spellCheck={false} placeholder={t('filters.sidPlaceholder')} value={draft.sid} aria-invalid={Boolean(sid && !MESSAGE_SID.test(sid))} onChange={(e) => set({ sid: e.target.value })} />
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
          {t('filters.withMediaOnly')}
        </label>
        <span className="twilio-filter-actions">
          {hasFilters(value) ? (
            <button type="button" className="small" onClick={() => onApply(NO_FILTERS)}>
              {t('filters.clear')}
            </button>
          ) : null}
          <button type="submit" className="small primary" disabled={Boolean(rangeProblem)}>
            {t('filters.apply')}
          </button>
        </span>
      </div>
      {rangeProblem ? (
        <p className="twilio-filter-error" role="alert">
          {rangeProblem}
        </p>
      ) : (
        <p className="hint">{daysHint}</p>
      )}
    </form>
  );
}
