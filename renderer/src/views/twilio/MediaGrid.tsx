// The media of a message as thumbnails. One tile is in the tab order at a time (roving tabindex); the arrows move
// through the grid as it is laid out (up and down by a whole row); the rest is the app's grid key map
// (hooks/grid-keys.ts): Enter opens the preview, Delete asks to delete, Backspace never deletes.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n';
import { gridCommand } from '../../hooks/grid-keys';
import type { TwilioMediaView } from '../../../../main/common/methods/twilio';
import { KindIcon } from '../../components/KindIcon';
import { describeMedia, KIND_ICON, kindName, mediaLabel } from './format';

interface MediaGridProps {
  media: TwilioMediaView[];
  active: number;
  /** Bumped to move keyboard focus to the active tile (after a move, a deletion, closing the preview); 0 never. */
  focusRequest: number;
  onActive: (index: number) => void;
  onOpen: (index: number) => void;
  onDelete: (index: number) => void;
}

function Thumb({ media }: { media: TwilioMediaView }) {
  if (media.kind === 'image') return <img className="twilio-thumb-img" src={media.previewUrl} alt="" loading="lazy" decoding="async" draggable={false} />;
  // No bytes are fetched for a video tile: an icon stands for it until it is opened.
  return (
    <span className={`twilio-thumb-icon kind-${media.kind}`} aria-hidden="true">
      <span className="twilio-thumb-glyph"><KindIcon kind={KIND_ICON[media.kind]} /></span>
      <span className="twilio-thumb-type">{media.contentType ?? kindName(media.kind)}</span>
    </span>
  );
}

/** How many tiles a row holds, read from the layout (the grid reflows with the window). */
function columnsOf(container: HTMLElement | null): number {
  const tiles = container ? Array.from(container.children) as HTMLElement[] : [];
  const top = tiles[0]?.offsetTop;
  const perRow = tiles.filter((t) => t.offsetTop === top).length;
  return Math.max(1, perRow);
}

export function MediaGrid({ media, active, focusRequest, onActive, onOpen, onDelete }: MediaGridProps) {
  // The tiles' names and descriptions are said in the window's language: re-rendered when it changes.
  const { t } = useTranslation('twilio');
  const grid = useRef<HTMLDivElement>(null);
  const tiles = useRef<Array<HTMLDivElement | null>>([]);
  // Where the keyboard is, updated at once: keys pressed faster than a render must each move one tile on.
  const current = useRef(active);
  current.current = active;

  useEffect(() => {
    // Only a request moves focus: a list that loads or shrinks on its own must not take it from elsewhere. So the
    // active tile is read from the ref (set in this render), not named as a dependency.
    if (focusRequest === 0) return;
    const index = current.current;
    const tile = tiles.current[index];
    tile?.focus();
    if (!tile || document.activeElement === tile) return;
    // A modal dialog closing in the same update (the preview, a confirmation) leaves the tile inert until it is
    // gone: try again after the frame.
    const frame = requestAnimationFrame(() => tiles.current[index]?.focus());
    return () => cancelAnimationFrame(frame);
  }, [focusRequest]);

  const onKeyDown = (event: KeyboardEvent) => {
    const columns = columnsOf(grid.current);
    const last = media.length - 1;
    const active = current.current;
    const moves: Record<string, number> = {
      ArrowRight: Math.min(last, active + 1),
      ArrowLeft: Math.max(0, active - 1),
      ArrowDown: active + columns <= last ? active + columns : active,
      ArrowUp: active - columns >= 0 ? active - columns : active,
      Home: 0,
      End: last,
    };
    const next = event.altKey || event.ctrlKey || event.metaKey ? undefined : moves[event.key];
    const command = gridCommand(event);
    if (next !== undefined) {
      event.preventDefault();
      current.current = next;
      onActive(next);
    } else if (command === 'open') {
      event.preventDefault();
      onOpen(active);
    } else if (command === 'delete') {
      event.preventDefault();
      onDelete(active);
    }
  };

  return (
    <div ref={grid} className="twilio-grid" role="listbox" aria-label={t('media.gridLabel')} aria-orientation="horizontal" onKeyDown={onKeyDown}>
      {media.map((item, index) => (
        <div
          key={item.sid}
          ref={(el) => {
            tiles.current[index] = el;
          }}
          role="option"
          aria-selected={index === active}
          aria-label={describeMedia(item, index, media.length)}
          title={mediaLabel(item)}
          tabIndex={index === active ? 0 : -1}
          className={`twilio-tile${index === active ? ' active' : ''}`}
          onClick={() => {
            onActive(index);
            onOpen(index);
          }}
        >
          <Thumb media={item} />
          <span className="twilio-tile-caption" aria-hidden="true">
            {mediaLabel(item)}
          </span>
        </div>
      ))}
    </div>
  );
}
