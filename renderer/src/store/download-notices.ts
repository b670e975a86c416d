// What a download to this computer says, in the library and in Twilio alike: nothing saved when the conflict
// question was cancelled or every name skipped, and, where no Transfers panel is on screen (Twilio), what became of
// the downloads once they end and where they went.
import { FINAL_STATES, type TransferItem } from '../../../main/common/transfers';
import { messageOf } from '../bridge';
import { errorText, i18n } from '../i18n';
import type { NoticeInput } from './notices-store';
import { useTransfers, whenTransfersEnd } from './transfers-store';

type Said = Omit<NoticeInput, 'key'>;

/** "Cancel all" (or Escape) at the conflict question: no download was queued. */
export const downloadCancelled = (): Said => ({ level: 'warn', text: i18n.t('common:download.cancelled') });

/** Every name already there was skipped: no download was queued. */
export const downloadAllSkipped = (): Said => ({ level: 'warn', text: i18n.t('common:download.allSkipped') });

/** A report main wrote where downloads go (the clean-up's CSV or JSON): where it is. */
export const reportSaved = (path: string): Said => ({ level: 'ok', text: i18n.t('common:download.reportSaved', { path }) });

/** A report main could not write, and why. */
export const reportNotSaved = (err: unknown): Said => ({ level: 'error', text: i18n.t('common:download.reportFailed', { error: messageOf(err) }) });

/** What became of downloads that have all ended: saved, some failed (why, one line each), or cancelled part-way. */
export function downloadsEnded(items: readonly TransferItem[], destination: string): Said {
  const count = items.length;
  const failed = items.filter((item) => item.state === 'failed');
  const done = items.filter((item) => item.state === 'done').length;
  if (failed.length > 0) {
    const why = failed.map((item) => (item.error ? i18n.t('library:item.why', { name: item.title, why: errorText(item.error) }) : item.title));
    return { level: 'error', text: i18n.t('common:download.someFailed', { count, failed: failed.length, destination }), items: why };
  }
  if (done < count) return { level: 'info', text: i18n.t('common:download.stopped', { count, done, destination }) };
  return { level: 'ok', text: i18n.t('common:download.done', { count, destination }) };
}

/**
 * Says `queued` until these downloads end, then replaces it with what became of them. `show` is the notice area's
 * (a notice with the same key replaces the one before); returns a function that stops following them.
 */
export function followDownloads(show: (notice: NoticeInput) => string, queued: Said, ids: readonly string[], destination: string): () => void {
  const key = show(queued);
  return whenTransfersEnd(ids, () => {
    const { items } = useTransfers.getState();
    const ended = ids.map((id) => items.get(id)).filter((item): item is TransferItem => item !== undefined && FINAL_STATES.includes(item.state));
    show({ key, ...downloadsEnded(ended, destination) });
  });
}
