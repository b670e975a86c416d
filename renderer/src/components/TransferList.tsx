// A virtualized list of transfers: thousands of history rows cost only the rows on screen.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { Formats } from '../../../main/common/i18n/format';
import { canRetry, FINAL_STATES, type TransferItem } from '../../../main/common/transfers';
import { call } from '../bridge';
import { errorText, i18n, saidText, Trans, useFormats, useTranslation } from '../i18n';
import { useFocusLanding } from '../hooks/focus-landing';
import { useAccountExists } from '../store/app-store';
import { useHostGone } from '../store/host-store';
import { JobItemList, jobCount, outcomeSummary } from './JobProgress';

/** "40 s", "3 min 5 s", "2 h 10 min", in the window's language. */
function durationText(seconds: number): string {
  if (seconds < 60) return i18n.t('shell:transfer.seconds', { s: Math.max(1, Math.round(seconds)) });
  if (seconds < 3600) return i18n.t('shell:transfer.minutes', { m: Math.floor(seconds / 60), s: Math.round(seconds % 60) });
  return i18n.t('shell:transfer.hours', { h: Math.floor(seconds / 3600), m: Math.round((seconds % 3600) / 60) });
}

/** The parts of the progress line that apply now (sizes, speed, time left), each in the window's language. */
function progressParts(item: TransferItem, f: Formats): string[] {
  if (item.unit === 'items') {
    if (item.state === 'queued') return [];
    return [jobCount(item), ...(item.state === 'working' && item.speed > 0 ? [i18n.t('shell:transfer.itemsPerSecond', { n: Math.round(item.speed) })] : [])];
  }
  const total = item.bytesTotal;
  if (item.state !== 'uploading' && item.state !== 'downloading') return total === null ? [] : [f.bytes(total)];
  return bytesMoving(item.bytesDone, total, item.speed, item.eta, f);
}

/** Bytes on their way: how many of how many, the speed, the time left (the two last once known). */
export function bytesMoving(done: number, total: number | null, speed: number, eta: number | null, f: Formats): string[] {
  return [
    total === null ? f.bytes(done) : i18n.t('shell:transfer.sizeOf', { done: f.bytes(done), total: f.bytes(total) }),
    ...(speed > 0 ? [i18n.t('shell:transfer.bytesPerSecond', { speed: f.bytes(speed) })] : []),
    ...(eta !== null ? [i18n.t('shell:transfer.left', { duration: durationText(eta) })] : []),
  ];
}

function TransferRow({ item, onCopy }: { item: TransferItem; onCopy: (url: string) => void }) {
  const { t } = useTranslation(['shell', 'common']);
  const accountExists = useAccountExists();
  const retryable = canRetry(item, accountExists);
  const accountGone = FINAL_STATES.includes(item.state) && item.state !== 'done' && !accountExists(item.accountId);
  // Its folder was forgotten (main refuses a retry): said unless its error says it already.
  const refused = FINAL_STATES.includes(item.state) && item.state !== 'done' && item.retryRefused && item.error?.phrase?.key !== item.retryRefused.key ? item.retryRefused : undefined;
  // Cancel and Retry go once used (the other takes their place as the state changes): the focus stays in the row.
  const row = useRef<HTMLDivElement>(null);
  const acted = useRef(false);
  useFocusLanding(item.state, () => row.current?.querySelector<HTMLElement>('.transfer-actions button') ?? row.current, acted.current);
  const act = (method: 'transfers.cancel' | 'transfers.retry') => {
    acted.current = true;
    void call(method, { ids: [item.id] });
  };
  const f = useFormats();
  // With the browser host gone, what ran stopped with it: its last speed and time left would be a lie, and Cancel
  // cannot reach it. The restarted host lists it as interrupted.
  const stopped = useHostGone() && !FINAL_STATES.includes(item.state);
  const running = !FINAL_STATES.includes(item.state) && !stopped;
  const percent = item.bytesTotal ? Math.round((100 * item.bytesDone) / item.bytesTotal) : 0;
  const state = t(stopped ? 'transfer.state.interrupted' : `transfer.state.${item.state}`);
  const stateClass = stopped ? 'state-failed' : `state-${item.state}`;
  const title = saidText(item.title, item.titlePhrase);
  const progress = progressParts(stopped ? { ...item, speed: 0, eta: null } : item, f);
  const detail = [saidText(item.detail, item.detailPhrase), ...progress, ...(item.finishedAt ? [f.dateTime(item.finishedAt)] : [])].filter((part) => part !== '');
  return (
    <div ref={row} className={`transfer-row ${stateClass}`} role="listitem" aria-label={t('transfer.rowLabel', { title, state })}>
      <div className="transfer-main">
        <div className="transfer-title">
          <span className="transfer-direction" aria-hidden="true">{item.direction === 'upload' ? '↑' : item.direction === 'download' ? '↓' : '⋯'}</span>
          <span className="transfer-name" title={title}>{title}</span>
          <span className={`state-pill ${stateClass}`}>{state}</span>
        </div>
        <div className="transfer-detail subtle">{detail.join(' · ')}</div>
        {item.state === 'uploading' || item.state === 'downloading' || (item.state === 'working' && item.bytesTotal) ? (
          <progress max={100} value={percent} aria-label={t('transfer.progressLabel', { title })}>{percent}%</progress>
        ) : null}
        {item.error ? <div className="transfer-error" role="alert">{errorText(item.error)}</div> : null}
        {accountGone ? <div className="transfer-result subtle">{t('transfer.accountGone')}</div> : null}
        {refused ? <div className="transfer-result subtle" data-testid="transfer-retry-refused">{saidText('', refused)}</div> : null}
        {item.result?.summary ? <div className="transfer-result">{saidText('', item.result.summary)}</div> : null}
        {item.result?.mediaUrl ? (
          <div className="transfer-result">
            <span className="mono">{item.result.mediaUrl}</span>
            <button type="button" className="small" onClick={() => onCopy(item.result?.mediaUrl ?? '')}>{t('transfer.copy')}</button>
            {/* A real link: the browser host opens a tab, Electron's window-open handler hands it to the OS browser. */}
            <a className="button small" href={item.result.mediaUrl} target="_blank" rel="noopener noreferrer">{t('transfer.open')}</a>
          </div>
        ) : null}
        {item.result?.authentication ? (
          <div className="transfer-result subtle">
            {/* One flex item, whose header name is not broken at its hyphen. */}
            <span>
              <Trans t={t} i18nKey={`transfer.auth.${item.result.authentication.source}`} values={{ scheme: item.result.authentication.scheme }} components={{ h: <span className="nowrap" /> }} />
            </span>
          </div>
        ) : null}
        {item.result?.items && item.result.items.length > 0 ? (
          <div className="transfer-result">
            <JobItemList items={item.result.items} label={t('transfer.itemsLabel', { summary: outcomeSummary(item.result.items) })} />
          </div>
        ) : null}
        {item.result?.savedTo ? (
          <div className="transfer-result subtle">
            <Trans t={t} i18nKey="transfer.savedTo" values={{ path: item.result.savedTo }} components={{ path: <span className="mono" /> }} />
          </div>
        ) : null}
      </div>
      <div className="transfer-actions">
        {running ? <button type="button" className="small" onClick={() => act('transfers.cancel')}>{t('common:action.cancel')}</button> : null}
        {retryable ? <button type="button" className="small" onClick={() => act('transfers.retry')}>{t('transfer.retry')}</button> : null}
      </div>
    </div>
  );
}

export function TransferList({ items, label, onCopy }: { items: TransferItem[]; label: string; onCopy: (url: string) => void }) {
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => parent.current, estimateSize: () => 78, overscan: 6 });
  return (
    <div ref={parent} className="transfer-scroll" tabIndex={0} aria-label={label}>
      <div role="list" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index];
          if (!item) return null;
          return (
            <div key={item.id} ref={virtualizer.measureElement} data-index={row.index} className="transfer-slot" style={{ transform: `translateY(${row.start}px)` }}>
              <TransferRow item={item} onCopy={onCopy} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
