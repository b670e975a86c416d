// The account's transfers (uploads into and downloads from the library), newest first, under the table.
// The notices sit above it (noticeFloor): its rows hold Cancel and the time left.
import { useMemo } from 'react';
import { noticeFloor } from '../../components/notice-placement';
import { useTranslation } from '../../i18n';
import type { TransferItem } from '../../../../main/common/transfers';
import { StagingList } from '../../components/StagingRows';
import { TransferList } from '../../components/TransferList';
import { useStagings } from '../../store/stagings-store';
import { stagingGroup } from './transfers-flow';
import { useTransfers } from '../../store/transfers-store';

export function LibraryTransfers({ accountId, label }: { accountId: string; label: string }) {
  const { t } = useTranslation('library');
  const items = useTransfers((s) => s.items);
  const order = useTransfers((s) => s.order);
  const history = useMemo(
    () => order.flatMap((id): TransferItem[] => {
      const item = items.get(id);
      return item && item.accountId === accountId ? [item] : [];
    }).reverse(),
    [items, order, accountId],
  );
  // Files still being copied to main come first: they are the transfers about to start.
  const copying = useStagings((s) => s.stagings.some((x) => x.group === stagingGroup(accountId)));
  if (history.length === 0 && !copying) return null;
  return (
    <section className="lib-transfers" aria-labelledby="lib-transfers-title" ref={noticeFloor}>
      <h2 id="lib-transfers-title" className="section-title">{t('transfers.title')}</h2>
      <StagingList group={stagingGroup(accountId)} />
      {history.length > 0 ? <TransferList items={history} label={t('transfers.label', { account: label })} onCopy={(text) => void navigator.clipboard.writeText(text)} /> : null}
    </section>
  );
}
