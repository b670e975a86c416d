// A virtualized list of transfers: thousands of history rows cost only the rows on screen.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { FINAL_STATES, type TransferItem } from '../../../main/common/transfers';
import { call } from '../bridge';
import { formatBytes } from '../../../main/common/format-bytes';
import { formatDuration } from '../store/transfers-store';
import { JobItemList, jobCount, outcomeSummary } from './JobProgress';

const STATE_LABEL: Record<TransferItem['state'], string> = {
  queued: 'Queued',
  checking: 'Checking',
  uploading: 'Uploading',
  waiting: 'Waiting for the server',
  downloading: 'Downloading',
  working: 'Working',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

function progressText(item: TransferItem): string {
  if (item.unit === 'items') {
    if (item.state === 'queued') return '';
    const speed = item.state === 'working' && item.speed > 0 ? ` · ${Math.round(item.speed).toLocaleString()}/s` : '';
    return `${jobCount(item)}${speed}`;
  }
  const total = item.bytesTotal;
  const done = total === null ? formatBytes(item.bytesDone) : `${formatBytes(item.bytesDone)} of ${formatBytes(total)}`;
  if (item.state !== 'uploading' && item.state !== 'downloading') return total === null ? '' : formatBytes(total);
  const speed = item.speed > 0 ? ` · ${formatBytes(item.speed)}/s` : '';
  const eta = item.eta !== null ? ` · ${formatDuration(item.eta)} left` : '';
  return `${done}${speed}${eta}`;
}

function TransferRow({ item, onCopy }: { item: TransferItem; onCopy: (url: string) => void }) {
  const running = !FINAL_STATES.includes(item.state);
  const percent = item.bytesTotal ? Math.round((100 * item.bytesDone) / item.bytesTotal) : 0;
  return (
    <div className={`transfer-row state-${item.state}`} role="listitem" aria-label={`${item.title}: ${STATE_LABEL[item.state]}`}>
      <div className="transfer-main">
        <div className="transfer-title">
          <span className="transfer-direction" aria-hidden="true">{item.direction === 'upload' ? '↑' : item.direction === 'download' ? '↓' : '⋯'}</span>
          <span className="transfer-name" title={item.title}>{item.title}</span>
          <span className={`state-pill state-${item.state}`}>{STATE_LABEL[item.state]}</span>
        </div>
        <div className="transfer-detail subtle">
          {item.detail}
          {progressText(item) ? ` · ${progressText(item)}` : ''}
          {item.finishedAt ? ` · ${new Date(item.finishedAt).toLocaleString()}` : ''}
        </div>
        {item.state === 'uploading' || item.state === 'downloading' || (item.state === 'working' && item.bytesTotal) ? (
          <progress max={100} value={percent} aria-label={`${item.title} progress`}>{percent}%</progress>
        ) : null}
        {item.error ? <div className="transfer-error" role="alert">{item.error.message}</div> : null}
        {item.result?.mediaUrl ? (
          <div className="transfer-result">
            <span className="mono">{item.result.mediaUrl}</span>
            <button type="button" className="small" onClick={() => onCopy(item.result?.mediaUrl ?? '')}>Copy</button>
            {/* A real link: the browser host opens a tab, Electron's window-open handler hands it to the OS browser. */}
            <a className="button small" href={item.result.mediaUrl} target="_blank" rel="noopener noreferrer">Open</a>
          </div>
        ) : null}
        {item.result?.items && item.result.items.length > 0 ? (
          <div className="transfer-result">
            <JobItemList items={item.result.items} label={`${outcomeSummary(item.result.items)}: the result for each item`} />
          </div>
        ) : null}
        {item.result?.savedTo ? <div className="transfer-result subtle">Saved to <span className="mono">{item.result.savedTo}</span></div> : null}
      </div>
      <div className="transfer-actions">
        {running ? <button type="button" className="small" onClick={() => void call('transfers.cancel', { ids: [item.id] })}>Cancel</button> : null}
        {item.state === 'failed' || item.state === 'cancelled' ? (
          <button type="button" className="small" onClick={() => void call('transfers.retry', { ids: [item.id] })}>Retry</button>
        ) : null}
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
