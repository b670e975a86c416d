// The preview: images fit the window and zoom, video and audio play and seek (the app's media stream passes Range
// through), other types are offered for download. Metadata and actions sit beside it. A modal <dialog>: focus stays
// inside and Escape closes it.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { TwilioMediaView } from '../../../../main/common/methods/twilio';
import { call } from '../../bridge';
import { Trans, useFormats, useTranslation } from '../../i18n';
import { kindName, kindNoun, mediaLabel } from './format';
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
  const { t } = useTranslation('twilio');
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
  if (source.failed) return <p className="banner bad">{t('preview.imageFailed')}</p>;
  return (
    <>
      <div className="twilio-zoom" role="group" aria-label={t('preview.zoom')}>
        <button type="button" className="small" aria-pressed={zoom === 'fit'} onClick={() => setZoom('fit')}>
          {t('preview.fit')}
        </button>
        <button type="button" className="small" aria-pressed={zoom === 1} onClick={() => setZoom(1)}>
          100%
        </button>
        <button type="button" className="small" aria-label={t('preview.zoomOut')} onClick={() => step(-1)} disabled={factor !== undefined && factor <= ZOOMS[0]!}>
          −
        </button>
        <button type="button" className="small" aria-label={t('preview.zoomIn')} onClick={() => step(1)} disabled={factor !== undefined && factor >= ZOOMS[ZOOMS.length - 1]!}>
          +
        </button>
        <span className="subtle" aria-live="polite">
          {factor === undefined ? t('preview.fitToWindow') : `${Math.round(factor * 100)}%`}
          {natural ? ` · ${natural.width}×${natural.height}` : ''}
        </span>
      </div>
      <div className={`twilio-stage${factor === undefined ? ' fit' : ' zoomed'}`} tabIndex={factor === undefined ? -1 : 0} aria-label={factor === undefined ? undefined : t('preview.zoomed')}>
        <img
          src={source.url}
          alt={t('preview.imageAlt', { type: media.contentType ?? kindNoun(media.kind) })}
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
  const { t } = useTranslation('twilio');
  const source = usePreviewUrl(accountId, media);
  if (source.failed) return <p className="banner bad">{t('preview.playFailed', { kind: kindNoun(media.kind) })}</p>;
  if (media.kind === 'video') {
    return (
      <div className="twilio-stage fit">
        <video src={source.url} onError={source.onError} controls preload="metadata" aria-label={t('preview.videoLabel', { type: media.contentType ?? kindNoun(media.kind) })} />
      </div>
    );
  }
  if (media.kind === 'audio') {
    return (
      <div className="twilio-stage audio">
        <audio src={source.url} onError={source.onError} controls preload="metadata" aria-label={t('preview.audioLabel', { type: media.contentType ?? kindNoun(media.kind) })} />
      </div>
    );
  }
  return null;
}

function Stage({ accountId, media, onDownload }: { accountId: string; media: TwilioMediaView; onDownload: () => void }) {
  const { t } = useTranslation('twilio');
  if (media.kind === 'image') return <ImageStage key={media.sid} accountId={accountId} media={media} />;
  if (media.kind === 'video' || media.kind === 'audio') return <PlayerStage key={media.sid} accountId={accountId} media={media} />;
  return (
    <div className="twilio-stage other">
      <p>
        {media.contentType ? (
          <Trans t={t} i18nKey="preview.cannotShowType" values={{ type: media.contentType }} components={{ mono: <span className="mono" /> }} />
        ) : (
          t('preview.cannotShow')
        )}
      </p>
      <button type="button" className="primary" onClick={onDownload}>
        {t('preview.downloadFile', { name: media.fileName })}
      </button>
    </div>
  );
}

export function MediaPreview({ accountId, media, index, count, onClose, onMove, onDownload, onDelete }: MediaPreviewProps) {
  const { t } = useTranslation(['twilio', 'common']);
  const f = useFormats();
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
            {t('preview.position', { kind: kindName(media.kind), position: f.number(index + 1), total: f.number(count) })} · {media.contentType ?? t('media.unknownType')} ·{' '}
            {t('media.added', { date: f.dateTime(media.dateCreated) })}
          </p>
        </div>
        <div className="actions">
          <button type="button" className="small" disabled={index === 0} onClick={() => onMove(index - 1)}>
            {t('preview.previous')}
          </button>
          <button type="button" className="small" disabled={index >= count - 1} onClick={() => onMove(index + 1)}>
            {t('preview.next')}
          </button>
          <button ref={closeButton} type="button" className="small" onClick={onClose}>
            {t('common:action.close')}
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
              {t('preview.download')}
            </button>
            <button type="button" className="danger" onClick={() => onDelete(media)}>
              {t('preview.delete')}
            </button>
          </div>
          <MediaMetadata accountId={accountId} media={media} />
        </aside>
      </div>
    </dialog>
  );
}
