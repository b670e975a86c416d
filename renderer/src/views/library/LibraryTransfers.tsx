// The account's transfers (uploads into and downloads from the library), newest first, under the table.
// The notices sit above it (noticeFloor): its rows hold Cancel and the time left.
// It gives way to the table and the details above it (library.css): it shrinks first when the window is short, its
// list can be dragged taller or shorter, and its heading folds it away to the heading alone.
import { useId, useMemo, useState } from 'react';
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
  const [open, setOpen] = useState(true);
  const listId = useId();
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
    <section className={`lib-transfers${open ? '' : ' folded'}`} aria-labelledby="lib-transfers-title" ref={noticeFloor}>
      <h2 className="section-title">
        <button type="button" id="lib-transfers-title" className="lib-transfers-toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
          {t('transfers.title')}
        </button>
      </h2>
      {/* Copies under way stay in sight with their Cancel even while the finished list is folded away. */}
      <StagingList group={stagingGroup(accountId)} />
      <div id={listId} className="lib-transfers-list" hidden={!open}>
        {open && history.length > 0 ? <TransferList items={history} label={t('transfers.label', { account: label })} onCopy={(text) => void navigator.clipboard.writeText(text)} /> : null}
      </div>
    </section>
  );
}
