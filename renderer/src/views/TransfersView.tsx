import { useEffect, useMemo } from 'react';
import { call } from '../bridge';
import { TransferList } from '../components/TransferList';
import { useNotices } from '../store/notices-store';
import { useTransfers } from '../store/transfers-store';

export function TransfersView() {
  const items = useTransfers((s) => s.items);
  const order = useTransfers((s) => s.order);
  const summary = useTransfers((s) => s.summary);
  const notices = useNotices();
  useEffect(() => {
    void useTransfers.getState().load();
  }, []);
  // Newest first: what the user just started is at the top.
  const list = useMemo(() => order.map((id) => items.get(id)).filter((i) => i !== undefined).reverse(), [items, order]);
  const failed = list.filter((i) => i.state === 'failed' || i.state === 'cancelled').length;
  const finished = list.filter((i) => i.state === 'done' || i.state === 'failed' || i.state === 'cancelled').length;

  const copy = (url: string) => {
    // One "copied" notice at a time: the latest copy replaces the previous one.
    navigator.clipboard.writeText(url).then(
      () => notices.show({ key: 'transfers.copied', level: 'ok', text: `Copied ${url}` }),
      () => notices.show({ key: 'transfers.copied', level: 'error', text: 'Could not copy to the clipboard.' }),
    );
  };

  return (
    <section className="view view-fill" aria-labelledby="transfers-title">
      <header className="view-header">
        <div>
          <h1 id="transfers-title">Transfers</h1>
          <p className="subtle" role="status">
            {summary.active > 0
              ? `${summary.active} in progress${summary.progress !== null ? ` · ${Math.round(summary.progress * 100)}%` : ''}`
              : list.length > 0
                ? 'Nothing running.'
                : ''}
          </p>
        </div>
        <div className="actions">
          <button type="button" disabled={failed === 0} onClick={() => void call('transfers.retry', {})}>Retry failed ({failed})</button>
          <button type="button" disabled={finished === 0} onClick={() => void call('transfers.clearFinished', {})}>Clear finished</button>
        </div>
      </header>
      {list.length === 0 ? (
        <p className="empty">No transfers yet. Uploads and downloads you start from an account appear here, with their progress.</p>
      ) : (
        <TransferList items={list} label="Transfers, newest first" onCopy={copy} />
      )}
    </section>
  );
}
