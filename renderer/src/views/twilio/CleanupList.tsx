// The clean-up's lists (what the dry run found, what the run did to each item), virtualized: a purge can be long.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { TwilioCleanupItem, TwilioCleanupOutcome, TwilioCleanupResult } from '../../../../main/common/methods/twilio';
import { formatDateTime } from './format';

export const OUTCOME_LABEL: Record<TwilioCleanupOutcome, string> = {
  deleted: 'Deleted',
  gone: 'Already gone',
  failed: 'Failed',
  skipped: 'Not deleted',
};

const ROW_HEIGHT = 54;

function Row({ item }: { item: TwilioCleanupItem | TwilioCleanupResult }) {
  const result = 'status' in item ? item : undefined;
  return (
    <div className="twilio-clean-row" role="listitem" aria-label={`${item.mediaSid}${result ? `: ${OUTCOME_LABEL[result.status]}` : ''}`}>
      <span className="twilio-clean-main">
        <span className="mono">{item.mediaSid}</span>
        <span className="subtle">
          {item.contentType ?? 'unknown type'} · added {formatDateTime(item.dateCreated)} · {item.from ?? '—'} → {item.to ?? '—'}
        </span>
        {result?.message && result.status !== 'deleted' ? <span className={`twilio-clean-msg outcome-${result.status}`}>{result.message}</span> : null}
      </span>
      {result ? <span className={`state-pill twilio-outcome outcome-${result.status}`}>{OUTCOME_LABEL[result.status]}</span> : null}
    </div>
  );
}

export function CleanupList({ items, label }: { items: Array<TwilioCleanupItem | TwilioCleanupResult>; label: string }) {
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  return (
    <div ref={parent} className="twilio-clean-scroll" tabIndex={0} role="region" aria-label={label}>
      <div role="list" aria-label={label} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index];
          if (!item) return null;
          return (
            <div key={item.mediaSid} ref={virtualizer.measureElement} data-index={row.index} className="twilio-clean-slot" style={{ transform: `translateY(${row.start}px)` }}>
              <Row item={item} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
