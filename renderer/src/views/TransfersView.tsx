import { useEffect, useId, useMemo, useRef } from 'react';
import { useTranslation } from '../i18n';
import { call } from '../bridge';
import { TransferList } from '../components/TransferList';
import { useFocusLanding } from '../hooks/focus-landing';
import { useNotices } from '../store/notices-store';
import { useTransfers } from '../store/transfers-store';
import { useAccountExists } from '../store/app-store';
import { useHostGone } from '../store/host-store';
import { canRetry } from '../../../main/common/transfers';

export function TransfersView() {
  const items = useTransfers((s) => s.items);
  const order = useTransfers((s) => s.order);
  const summary = useTransfers((s) => s.summary);
  const hostGone = useHostGone();
  const notices = useNotices();
  const { t } = useTranslation('shell');
  useEffect(() => {
    void useTransfers.getState().load();
  }, []);
  // Newest first: what the user just started is at the top.
  const list = useMemo(() => order.map((id) => items.get(id)).filter((i) => i !== undefined).reverse(), [items, order]);
  // Only those a retry can run: not those whose account was removed (main refuses them too).
  const accountExists = useAccountExists();
  const failed = list.filter((i) => canRetry(i, accountExists)).length;
  const finished = list.filter((i) => i.state === 'done' || i.state === 'failed' || i.state === 'cancelled').length;
  // "Retry failed" goes disabled once used (nothing is left to retry): the focus moves to the list, where the
  // retried transfers now run, rather than dropping to the page.
  const view = useRef<HTMLElement>(null);
  const retriedAll = useRef(false);
  useFocusLanding(failed === 0, () => view.current?.querySelector<HTMLElement>('.transfer-scroll') ?? view.current?.querySelector('h1'), retriedAll.current);
  const retryAll = () => {
    retriedAll.current = true;
    void call('transfers.retry', {});
  };

  // Both would only meet "not reachable" while the host is gone: disabled, saying why, until it is back.
  const offlineId = useId();
  const offline = hostGone ? { title: t('transfers.needsHost'), 'aria-describedby': offlineId } : {};

  const copy = (url: string) => {
    // One "copied" notice at a time: the latest copy replaces the previous one.
    navigator.clipboard.writeText(url).then(
      () => notices.show({ key: 'transfers.copied', level: 'ok', text: t('transfers.copied', { url }) }),
      () => notices.show({ key: 'transfers.copied', level: 'error', text: t('transfers.copyFailed') }),
    );
  };

  const statusLine = (): string => {
    if (summary.active === 0) return list.length > 0 ? t('transfers.idle') : '';
    if (hostGone) return t('transfers.hostStopped', { n: summary.active });
    if (summary.progress === null) return t('transfers.running', { n: summary.active });
    return t('transfers.runningPercent', { n: summary.active, percent: Math.round(summary.progress * 100) });
  };

  return (
    <section ref={view} className="view view-fill" aria-labelledby="transfers-title">
      <header className="view-header">
        <div>
          <h1 id="transfers-title">{t('transfers.title')}</h1>
          <p className="subtle" role="status">
            {statusLine()}
          </p>
          {hostGone ? <p id={offlineId} className="subtle">{t('transfers.needsHost')}</p> : null}
        </div>
        <div className="actions">
          <button type="button" disabled={failed === 0 || hostGone} {...offline} onClick={retryAll}>{t('transfers.retryFailed', { n: failed })}</button>
          <button type="button" disabled={finished === 0 || hostGone} {...offline} onClick={() => void call('transfers.clearFinished', {})}>{t('transfers.clearFinished')}</button>
        </div>
      </header>
      {list.length === 0 ? (
        <p className="empty">{t('transfers.empty')}</p>
      ) : (
        <TransferList items={list} label={t('transfers.listLabel')} onCopy={copy} />
      )}
    </section>
  );
}
