// The preview: images fit the window and zoom, video and audio play and seek (the app's media stream passes Range
// through), other types are offered for download. Metadata and actions sit beside it. A modal <dialog>: focus stays
// inside and Escape closes it.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { TwilioMediaView } from '../../../../main/common/methods/twilio';
import { call } from '../../bridge';
import { formatDateTime, KIND_NAME, mediaLabel } from './format';
import { MediaMetadata } from './MediaMetadata';

interface MediaPreviewProps {
  accountId: string;
  media: TwilioMediaView;
  index: number;
  count: number;
  onClose: () => void;
  onMove: (index: number) => void;
  onDownload: (media: TwilioMediaView) => void;
  onDelete: (media: TwilioMediaView) => void;
}

const ZOOMS = [0.25, 0.5, 1, 2, 4];

/**
 * The stream URL to load, renewed once when it fails: the URL a listing gave expires after 30 minutes, and a grid
 * can stay open longer than that. A second failure is a real one.
 */
function usePreviewUrl(accountId: string, media: TwilioMediaView): { url: string; failed: boolean; onError: () => void } {
  const [state, setState] = useState({ url: media.previewUrl, renewed: false, failed: false });
  useEffect(() => setState({ url: media.previewUrl, renewed: false, failed: false }), [media.previewUrl]);
  const onError = () => {
    if (state.renewed) return setState((s) => ({ ...s, failed: true }));
    call('twilio.previewUrl', { accountId, messageSid: media.messageSid, mediaSid: media.sid }).then(
      ({ url }) => setState({ url, renewed: true, failed: false }),
      () => setState((s) => ({ ...s, renewed: true, failed: true })),
    );
  };
  return { url: state.url, failed: state.failed, onError };
}

function ImageStage({ accountId, media }: { accountId: string; media: TwilioMediaView }) {
  // 'fit' shows the whole image; a number is a zoom factor over its natural size.
  const [zoom, setZoom] = useState<'fit' | number>('fit');
  const [natural, setNatural] = useState<{ width: number; height: number }>();
  const source = usePreviewUrl(accountId, media);
  useEffect(() => setZoom('fit'), [media.sid]);
  const factor = zoom === 'fit' ? undefined : zoom;
  const step = (direction: 1 | -1) => {
    const current = factor ?? 1;
    const next = direction > 0 ? ZOOMS.find((z) => z > current) : [...ZOOMS].reverse().find((z) => z < current);
    if (next !== undefined) setZoom(next);
  };
  if (source.failed) return <p className="banner bad">This image could not be shown. Download it to open it with another app.</p>;
  return (
    <>
      <div className="twilio-zoom" role="group" aria-label="Zoom">
        <button type="button" className="small" aria-pressed={zoom === 'fit'} onClick={() => setZoom('fit')}>
          Fit
        </button>
        <button type="button" className="small" aria-pressed={zoom === 1} onClick={() => setZoom(1)}>
          100%
        </button>
        <button type="button" className="small" aria-label="Zoom out" onClick={() => step(-1)} disabled={factor !== undefined && factor <= ZOOMS[0]!}>
          −
        </button>
        <button type="button" className="small" aria-label="Zoom in" onClick={() => step(1)} disabled={factor !== undefined && factor >= ZOOMS[ZOOMS.length - 1]!}>
          +
        </button>
        <span className="subtle" aria-live="polite">
          {factor === undefined ? 'Fit to window' : `${Math.round(factor * 100)}%`}
          {natural ? ` · ${natural.width}×${natural.height}` : ''}
        </span>
      </div>
      <div className={`twilio-stage${factor === undefined ? ' fit' : ' zoomed'}`} tabIndex={factor === undefined ? -1 : 0} aria-label={factor === undefined ? undefined : 'Zoomed image, scroll to pan'}>
        <img
          src={source.url}
          alt={`Image attached to the message (${media.contentType ?? 'image'})`}
          style={factor !== undefined && natural ? { width: natural.width * factor, height: natural.height * factor } : undefined}
          onLoad={(e) => setNatural({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
          onError={source.onError}
          onClick={() => setZoom(zoom === 'fit' ? 1 : 'fit')}
        />
      </div>
    </>
  );
}

function PlayerStage({ accountId, media }: { accountId: string; media: TwilioMediaView }) {
  const source = usePreviewUrl(accountId, media);
  if (source.failed) return <p className="banner bad">This {media.kind} could not be played here. Download it to open it with another app.</p>;
  if (media.kind === 'video') {
    return (
      <div className="twilio-stage fit">
        <video src={source.url} onError={source.onError} controls preload="metadata" aria-label={`Video attached to the message (${media.contentType ?? 'video'})`} />
      </div>
    );
  }
  if (media.kind === 'audio') {
    return (
      <div className="twilio-stage audio">
        <audio src={source.url} onError={source.onError} controls preload="metadata" aria-label={`Audio attached to the message (${media.contentType ?? 'audio'})`} />
      </div>
    );
  }
  return null;
}

function Stage({ accountId, media, onDownload }: { accountId: string; media: TwilioMediaView; onDownload: () => void }) {
  if (media.kind === 'image') return <ImageStage key={media.sid} accountId={accountId} media={media} />;
  if (media.kind === 'video' || media.kind === 'audio') return <PlayerStage key={media.sid} accountId={accountId} media={media} />;
  return (
    <div className="twilio-stage other">
      <p>
        Media Desk cannot show {media.contentType ? <span className="mono">{media.contentType}</span> : 'this type'} here. Download it to open it with
        another app.
      </p>
      <button type="button" className="primary" onClick={onDownload}>
        Download {media.fileName}
      </button>
    </div>
  );
}

export function MediaPreview({ accountId, media, index, count, onClose, onMove, onDownload, onDelete }: MediaPreviewProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  // A layout effect: the dialog is closed as the preview goes, before the grid takes the focus back.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // showModal focuses the first button (Previous); Close is the one to start from.
    closeButton.current?.focus();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog twilio-preview"
      aria-labelledby="twilio-preview-title"
      aria-describedby="twilio-preview-desc"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="twilio-preview-head">
        <div>
          <h2 id="twilio-preview-title">{mediaLabel(media)}</h2>
          <p id="twilio-preview-desc" className="subtle">
            {KIND_NAME[media.kind]} {index + 1} of {count} · {media.contentType ?? 'Unknown type'} · added {formatDateTime(media.dateCreated)}
          </p>
        </div>
        <div className="actions">
          <button type="button" className="small" disabled={index === 0} onClick={() => onMove(index - 1)}>
            Previous
          </button>
          <button type="button" className="small" disabled={index >= count - 1} onClick={() => onMove(index + 1)}>
            Next
          </button>
          <button ref={closeButton} type="button" className="small" onClick={onClose}>
            Close
          </button>
        </div>
      </header>
      <div className="twilio-preview-body">
        <div className="twilio-preview-media">
          <Stage accountId={accountId} media={media} onDownload={() => onDownload(media)} />
        </div>
        <aside className="twilio-preview-side">
          <div className="actions">
            <button type="button" onClick={() => onDownload(media)}>
              Download…
            </button>
            <button type="button" className="danger" onClick={() => onDelete(media)}>
              Delete…
            </button>
          </div>
          <MediaMetadata accountId={accountId} media={media} />
        </aside>
      </div>
    </dialog>
  );
}
