// The selected message and its media: the grid of thumbnails, the preview, downloads and deletion. What a download
// or a deletion did is said in the app's notice area (in front of the preview too): a download's notice says what
// became of it when its transfers end, the others go when the user leaves the message.
import { useEffect, useRef, useState } from 'react';
import type { TwilioMediaView, TwilioMessageView } from '../../../../main/common/methods/twilio';
import { messageOf, UiError } from '../../bridge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useFocusLanding } from '../../hooks/focus-landing';
import { gridKeysHint } from '../../hooks/grid-keys';
import { useNotices, type NoticeInput } from '../../store/notices-store';
import { downloadAllSkipped, downloadCancelled, followDownloads } from '../../store/download-notices';
import { useFormats, useTranslation } from '../../i18n';
import { DownloadFlow, type DownloadOutcome } from './DownloadFlow';
import { kindCount, kindNoun, listOf, mediaLabel, messageStatusText } from './format';
import { MediaGrid } from './MediaGrid';
import { MediaPreview } from './MediaPreview';
import { Parties } from './MessageList';
import { itemsOf, useDeleteMedia, useMessageMedia } from './queries';
import { TwilioError } from './TwilioError';

interface MediaPaneProps {
  accountId: string;
  message: TwilioMessageView;
}

export function MediaPane({ accountId, message }: MediaPaneProps) {
  const { t } = useTranslation('twilio');
  const f = useFormats();
  const query = useMessageMedia(accountId, message.sid);
  const deletion = useDeleteMedia(accountId);
  const items = itemsOf(query.data);
  const [active, setActive] = useState(0);
  const [focusRequest, setFocusRequest] = useState(0);
  const focusGrid = () => setFocusRequest((n) => n + 1);
  const [preview, setPreview] = useState<number | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<TwilioMediaView | null>(null);
  const [download, setDownload] = useState<TwilioMediaView[] | null>(null);
  const notices = useNotices();
  // This message's notices, cleared when another message is shown or the pane goes.
  const said = useRef(new Set<string>());
  useEffect(() => {
    const keys = said.current;
    return () => {
      for (const key of keys) notices.clear(key);
      keys.clear();
    };
  }, [message.sid, notices]);
  const say = (notice: NoticeInput) => said.current.add(notices.show(notice));
  // Twilio has no Transfers panel: the notice says when the downloads were queued, then what became of them and where.
  // It outlives the message (the downloads do); the others go with it.
  const downloaded = (outcome: DownloadOutcome) => {
    if (outcome.kind === 'cancelled') say(downloadCancelled());
    else if (outcome.kind === 'skipped') say(downloadAllSkipped());
    else followDownloads(notices.show, { level: 'info', text: outcome.text }, outcome.transfers, outcome.destination);
  };
  // The last media deleted (from the preview too, which then closes): the sentence saying none is left has the focus.
  const emptyNote = useRef<HTMLParagraphElement>(null);
  const empty = query.isSuccess && items.length === 0;
  useFocusLanding(empty, () => emptyNote.current, empty);
  const loading = query.isPending || query.isFetchingNextPage;
  const loadMore = () => void query.fetchNextPage({ cancelRefetch: false });

  const remove = async (media: TwilioMediaView) => {
    setConfirmDelete(null);
    const index = items.findIndex((m) => m.sid === media.sid);
    const failedKey = `twilio:${accountId}:delete-failed`;
    try {
      await deletion.mutateAsync(media);
    } catch (error) {
      // In the notice area, so that it is seen in front of the preview too.
      const status = error instanceof UiError ? error.details?.status : undefined;
      const said = { media: mediaLabel(media), reason: messageOf(error) };
      say({ key: failedKey, level: 'error', text: status ? t('notice.deleteFailedStatus', { ...said, status }) : t('notice.deleteFailed', said) });
      return;
    }
    notices.clear(failedKey);
    const left = items.length - 1;
    setActive(Math.max(0, Math.min(index, left - 1)));
    if (preview !== null) setPreview(left === 0 ? null : Math.max(0, Math.min(preview, left - 1)));
    if (left > 0 && preview === null) focusGrid();
    say({ key: `twilio:${accountId}:deleted`, level: 'ok', text: t('notice.deleted', { media: mediaLabel(media) }) });
  };

  const closePreview = () => {
    setPreview(null);
    focusGrid();
  };
  const previewed = preview === null ? undefined : items[preview];
  const counts = items.reduce<Partial<Record<TwilioMediaView['kind'], number>>>((acc, m) => ({ ...acc, [m.kind]: (acc[m.kind] ?? 0) + 1 }), {});
  const kinds = listOf(Object.entries(counts).map(([kind, n]) => kindCount(kind as TwilioMediaView['kind'], n)));
  const summary = items.length === 0 ? t('media.none') : query.hasNextPage ? t('media.summaryMore', { count: items.length, kinds }) : t('media.summary', { count: items.length, kinds });

  return (
    <section className="twilio-media" aria-labelledby="twilio-media-title">
      <header className="twilio-media-head">
        {/* Focusable from script: a message opened in a narrow panel brings the focus here (TwilioPanel). */}
        <h3 id="twilio-media-title" tabIndex={-1}>
          <Parties from={message.from} to={message.to} />
        </h3>
        <p className="subtle">
          {t('media.sent', { date: f.dateTime(message.dateSent ?? message.dateCreated) })}
          {message.status ? ` · ${messageStatusText(message.status)}` : ''} · <span className="mono">{message.sid}</span>
        </p>
        {message.body?.trim() ? <p className="twilio-media-body">{message.body}</p> : null}
      </header>
      <div className="twilio-media-bar">
        <span className="subtle" role="status">
          {query.isPending ? t('media.loading') : summary}
        </span>
        {items.length > 0 ? (
          <button type="button" className="small" onClick={() => setDownload(items)}>
            {t('media.downloadAll')}
          </button>
        ) : null}
      </div>
      <TwilioError error={query.error ?? undefined} onRetry={() => (items.length ? loadMore() : void query.refetch())} />
      {query.isSuccess && items.length === 0 ? (
        <p ref={emptyNote} className="empty" tabIndex={-1}>{t('media.empty')}</p>
      ) : null}
      {items.length > 0 ? (
        <>
          <MediaGrid
            media={items}
            active={Math.min(active, items.length - 1)}
            focusRequest={focusRequest}
            onActive={(i) => {
              setActive(i);
              focusGrid();
            }}
            onOpen={(i) => setPreview(i)}
            onDelete={(i) => setConfirmDelete(items[i] ?? null)}
          />
          <p className="hint">{gridKeysHint()}</p>
        </>
      ) : null}
      {query.hasNextPage ? (
        <button type="button" onClick={loadMore} disabled={loading}>
          {loading ? t('media.loadingMore') : t('media.loadMore')}
        </button>
      ) : null}
      {previewed && preview !== null ? (
        <MediaPreview
          accountId={accountId}
          media={previewed}
          index={preview}
          count={items.length}
          onClose={closePreview}
          onMove={(i) => {
            setPreview(i);
            setActive(i);
          }}
          onDownload={(m) => setDownload([m])}
          onDelete={(m) => setConfirmDelete(m)}
        />
      ) : null}
      {confirmDelete ? (
        <ConfirmDialog title={t('delete.title', { media: mediaLabel(confirmDelete) })} confirmLabel={t('delete.confirm')} destructive onConfirm={() => void remove(confirmDelete)}
          onCancel={() => {
            setConfirmDelete(null);
            if (preview === null) focusGrid();
          }}
        >
          <p>{t('delete.body', { kind: kindNoun(confirmDelete.kind) })}</p>
        </ConfirmDialog>
      ) : null}
      {download ? (
        <DownloadFlow
          accountId={accountId}
          items={download}
          onDone={(outcome) => {
            setDownload(null);
            if (outcome) downloaded(outcome);
          }}
        />
      ) : null}
    </section>
  );
}
