// The selected message and its media: the grid of thumbnails, the preview, downloads and deletion.
import { useCallback, useEffect, useState } from 'react';
import type { TwilioMediaView, TwilioMessageView } from '../../../../main/common/methods/twilio';
import { call } from '../../bridge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DownloadFlow } from './DownloadFlow';
import { formatDateTime, KIND_NAME, plural } from './format';
import { MediaGrid } from './MediaGrid';
import { MediaPreview } from './MediaPreview';
import { TwilioError } from './TwilioError';

function kindCount(kind: TwilioMediaView['kind'], count: number): string {
  const name = KIND_NAME[kind].toLowerCase();
  return plural(count, name, kind === 'audio' ? name : `${name}s`);
}

interface MediaPaneProps {
  accountId: string;
  message: TwilioMessageView;
  onDeleted: (messageSid: string) => void;
}

interface MediaState {
  items: TwilioMediaView[];
  nextPageUri: string | null;
  loading: boolean;
  error?: unknown;
}

export function MediaPane({ accountId, message, onDeleted }: MediaPaneProps) {
  const [state, setState] = useState<MediaState>({ items: [], nextPageUri: null, loading: true });
  const [active, setActive] = useState(0);
  const [focusRequest, setFocusRequest] = useState(0);
  const focusGrid = () => setFocusRequest((n) => n + 1);
  const [preview, setPreview] = useState<number | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<TwilioMediaView | null>(null);
  const [download, setDownload] = useState<TwilioMediaView[] | null>(null);
  const [status, setStatus] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();

  const load = useCallback(async () => {
    setState({ items: [], nextPageUri: null, loading: true });
    setActive(0);
    try {
      const page = await call('twilio.listMedia', { accountId, messageSid: message.sid });
      setState({ items: page.items, nextPageUri: page.nextPageUri, loading: false });
    } catch (error) {
      setState({ items: [], nextPageUri: null, loading: false, error });
    }
  }, [accountId, message.sid]);
  useEffect(() => {
    void load();
    setStatus(undefined);
    setActionError(undefined);
  }, [load]);

  const loadMore = async () => {
    if (!state.nextPageUri) return;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    try {
      const page = await call('twilio.nextMedia', { accountId, nextPageUri: state.nextPageUri });
      setState((s) => ({ items: [...s.items, ...page.items], nextPageUri: page.nextPageUri, loading: false }));
    } catch (error) {
      setState((s) => ({ ...s, loading: false, error }));
    }
  };

  const remove = async (media: TwilioMediaView) => {
    setConfirmDelete(null);
    setActionError(undefined);
    try {
      await call('twilio.deleteMedia', { accountId, messageSid: media.messageSid, mediaSid: media.sid });
      const index = state.items.findIndex((m) => m.sid === media.sid);
      const items = state.items.filter((m) => m.sid !== media.sid);
      setState((s) => ({ ...s, items }));
      const nextActive = Math.min(index, items.length - 1);
      setActive(Math.max(0, nextActive));
      if (preview !== null) setPreview(items.length === 0 ? null : Math.max(0, Math.min(preview, items.length - 1)));
      if (items.length > 0 && preview === null) focusGrid();
      setStatus(`Deleted ${media.fileName} from Twilio.`);
      onDeleted(media.messageSid);
    } catch (error) {
      setActionError(error);
    }
  };

  const closePreview = () => {
    setPreview(null);
    focusGrid();
  };
  const previewed = preview === null ? undefined : state.items[preview];
  const counts = state.items.reduce<Record<string, number>>((acc, m) => ({ ...acc, [m.kind]: (acc[m.kind] ?? 0) + 1 }), {});

  return (
    <section className="twilio-media" aria-labelledby="twilio-media-title">
      <header className="twilio-media-head">
        <h3 id="twilio-media-title">
          {message.from ?? '—'} <span aria-hidden="true">→</span>
          <span className="twilio-sr-only"> to </span> {message.to ?? '—'}
        </h3>
        <p className="subtle">
          Sent {formatDateTime(message.dateSent ?? message.dateCreated)}
          {message.status ? ` · ${message.status}` : ''} · <span className="mono">{message.sid}</span>
        </p>
        {message.body?.trim() ? <p className="twilio-media-body">{message.body}</p> : null}
      </header>
      <div className="twilio-media-bar">
        <span className="subtle" role="status">
          {state.loading && state.items.length === 0
            ? 'Loading media…'
            : `${plural(state.items.length, 'media', 'media')}${Object.keys(counts).length ? ` (${Object.entries(counts).map(([k, n]) => kindCount(k as TwilioMediaView['kind'], n)).join(', ')})` : ''}${state.nextPageUri ? ', more to load' : ''}`}
        </span>
        {state.items.length > 0 ? (
          <button type="button" className="small" onClick={() => setDownload(state.items)}>
            Download all…
          </button>
        ) : null}
      </div>
      {status ? (
        <p className="banner ok" role="status">
          {status}
        </p>
      ) : null}
      <TwilioError error={actionError} />
      <TwilioError error={state.error} onRetry={() => void (state.items.length ? loadMore() : load())} />
      {!state.loading && !state.error && state.items.length === 0 ? (
        <p className="empty">This message has no media. Tick “Only messages with media” above to hide messages like this one.</p>
      ) : null}
      {state.items.length > 0 ? (
        <>
          <MediaGrid
            media={state.items}
            active={Math.min(active, state.items.length - 1)}
            focusRequest={focusRequest}
            onActive={(i) => {
              setActive(i);
              focusGrid();
            }}
            onOpen={(i) => setPreview(i)}
            onDelete={(i) => setConfirmDelete(state.items[i] ?? null)}
          />
          <p className="hint">Arrow keys move through the media, Enter opens the preview, Delete deletes.</p>
        </>
      ) : null}
      {state.nextPageUri ? (
        <button type="button" onClick={() => void loadMore()} disabled={state.loading}>
          {state.loading ? 'Loading…' : 'Load more media'}
        </button>
      ) : null}
      {previewed && preview !== null ? (
        <MediaPreview
          accountId={accountId}
          media={previewed}
          index={preview}
          count={state.items.length}
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
        <ConfirmDialog title={`Delete ${confirmDelete.fileName}?`} confirmLabel="Delete media" destructive onConfirm={() => void remove(confirmDelete)}
          onCancel={() => {
            setConfirmDelete(null);
            if (preview === null) focusGrid();
          }}
        >
          <p>
            The {KIND_NAME[confirmDelete.kind].toLowerCase()} is deleted from Twilio for good. The message stays; only this media goes. Twilio cannot restore it.
          </p>
        </ConfirmDialog>
      ) : null}
      {download ? (
        <DownloadFlow
          accountId={accountId}
          items={download}
          onDone={(outcome) => {
            setDownload(null);
            if (outcome) setStatus(outcome);
          }}
        />
      ) : null}
    </section>
  );
}
