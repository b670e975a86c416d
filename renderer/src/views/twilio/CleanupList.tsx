// The clean-up's lists (what the dry run found, what the run did to each item), virtualized: a purge can be long.
// Each row has a thumbnail (images through the app's preview stream, asked for only when the row is on screen; an
// icon for video and other media), and in the dry run's list a checkbox to leave that item out of the run.
import { useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { TwilioCleanupItem, TwilioCleanupOutcome, TwilioCleanupResult } from '../../../../main/common/methods/twilio';
import { call } from '../../bridge';
import { errorText, useFormats, useTranslation } from '../../i18n';
import { mediaKind } from '../../../../main/common/twilio-kind';
import { KindIcon } from '../../components/KindIcon';
import { KIND_ICON } from './format';
import { twilioKeys } from './queries';
import './cleanup.css';

const ROW_HEIGHT = 58;
/** The preview stream's link lasts 30 minutes: asked again well before. */
const PREVIEW_FRESH_MS = 20 * 60_000;

/**
 * Only rows on screen are mounted, so only their images are asked for. A deleted image has no bytes left to show:
 * it keeps its kind's icon.
 */
function CleanupThumb({ accountId, item }: { accountId: string; item: TwilioCleanupItem | TwilioCleanupResult }) {
  const kind = mediaKind(item.contentType);
  const image = kind === 'image' && !('status' in item && item.status === 'deleted');
  const preview = useQuery({
    queryKey: twilioKeys.preview(accountId, item.mediaSid),
    queryFn: () => call('twilio.previewUrl', { accountId, messageSid: item.messageSid, mediaSid: item.mediaSid }),
    enabled: image,
    staleTime: PREVIEW_FRESH_MS,
    retry: false,
  });
  if (image && preview.data) return <img className="clean-thumb" src={preview.data.url} alt="" loading="lazy" decoding="async" draggable={false} />;
  return (
    <span className={`clean-thumb clean-thumb-icon kind-${kind}`} aria-hidden="true">
      <KindIcon kind={KIND_ICON[kind]} />
    </span>
  );
}

interface RowProps {
  accountId: string;
  item: TwilioCleanupItem | TwilioCleanupResult;
  excluded?: boolean | undefined;
  onToggle?: ((mediaSid: string) => void) | undefined;
}

function Row({ accountId, item, excluded, onToggle }: RowProps) {
  const { t } = useTranslation('twilio');
  const f = useFormats();
  // What the run did to the item, as a label ("Deleted", "Already gone"…).
  const outcomeLabel = (outcome: TwilioCleanupOutcome) => t(`outcome.${outcome}`);
  const result = 'status' in item ? item : undefined;
  const label = result ? t('cleanup.row.withOutcome', { sid: item.mediaSid, outcome: outcomeLabel(result.status) }) : excluded ? t('cleanup.row.leftOutLabel', { sid: item.mediaSid }) : item.mediaSid;
  return (
    <div className={`twilio-clean-row${excluded ? ' excluded' : ''}`} role="listitem" aria-label={label}>
      {onToggle ? (
        <input type="checkbox" className="clean-include" checked={!excluded} onChange={() => onToggle(item.mediaSid)} aria-label={t('cleanup.row.include', { sid: item.mediaSid })} />
      ) : null}
      <CleanupThumb accountId={accountId} item={item} />
      <span className="twilio-clean-main">
        <span className="mono">{item.mediaSid}</span>
        <span className="subtle">
          {item.contentType ?? t('media.unknownType')} · {t('media.added', { date: f.dateTime(item.dateCreated) })} · {item.from ?? '—'} → {item.to ?? '—'}
        </span>
        {result?.message && result.status !== 'deleted' ? <span className={`twilio-clean-msg outcome-${result.status}`}>{errorText({ ...result, message: result.message })}</span> : null}
      </span>
      {result ? <span className={`state-pill twilio-outcome outcome-${result.status}`}>{outcomeLabel(result.status)}</span> : null}
      {excluded ? <span className="state-pill clean-left-out">{t('cleanup.row.leftOut')}</span> : null}
    </div>
  );
}

interface CleanupListProps {
  accountId: string;
  items: Array<TwilioCleanupItem | TwilioCleanupResult>;
  label: string;
  /** The dry run's list: media SIDs the user left out, and how to change that. */
  excluded?: ReadonlySet<string>;
  onToggle?: (mediaSid: string) => void;
}

export function CleanupList({ accountId, items, label, excluded, onToggle }: CleanupListProps) {
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
              <Row accountId={accountId} item={item} excluded={excluded?.has(item.mediaSid)} onToggle={onToggle} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
