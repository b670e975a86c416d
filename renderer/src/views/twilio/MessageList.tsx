// The messages, virtualized: only the rows on screen exist, so thousands cost nothing. The list is one focusable
// listbox whose active row follows the arrows (aria-activedescendant), because focus cannot live on a row that
// scrolls out and is unmounted. The next page is asked for as the end of what is loaded comes into view.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import type { TwilioMessageView } from '../../../../main/common/methods/twilio';
import { useFormats, useTranslation } from '../../i18n';
import { messageStatusText } from './format';

interface MessageListProps {
  items: TwilioMessageView[];
  selected: string | null;
  hasMore: boolean;
  loading: boolean;
  onSelect: (sid: string) => void;
  /** A message chosen by a click or Enter (the arrows only select): its media are wanted now. */
  onOpen: (sid: string) => void;
  onLoadMore: () => void;
}

const ROW_HEIGHT = 96;
/** How close to the end of the loaded rows the next page is asked for. */
const PREFETCH_ROWS = 8;

/** Twilio's directions, and the status that says nothing more than the direction does (none for a reply). */
const DIRECTIONS: Record<string, { said: 'received' | 'sent' | 'replySent'; status: string | null }> = {
  inbound: { said: 'received', status: 'received' },
  'outbound-api': { said: 'sent', status: 'sent' },
  'outbound-call': { said: 'sent', status: 'sent' },
  'outbound-reply': { said: 'replySent', status: null },
};

/** Status, direction and Twilio's error code, as a Twilio console user expects to see them in the list. */
function MessageFacts({ message }: { message: TwilioMessageView }) {
  const { t } = useTranslation('twilio');
  const known = message.direction && Object.hasOwn(DIRECTIONS, message.direction) ? DIRECTIONS[message.direction] : undefined;
  const direction = known ? t(`direction.${known.said}`) : message.direction;
  return (
    <span className="twilio-msg-facts subtle">
      {direction ? <span>{direction}</span> : null}
      {/* "Received" twice says nothing: the status shows when it adds to the direction. */}
      {message.status && message.status.toLowerCase() !== (known ? known.status : message.direction?.toLowerCase()) ? (
        <span className={`twilio-msg-status status-${message.status}`}>{messageStatusText(message.status)}</span>
      ) : null}
      {message.errorCode !== null ? (
        <span className="twilio-msg-error" title={message.errorMessage ?? undefined}>
          {t('message.errorCode', { code: message.errorCode })}
        </span>
      ) : null}
    </span>
  );
}

function MessageRow({ message }: { message: TwilioMessageView }) {
  const { t } = useTranslation('twilio');
  const f = useFormats();
  const count = message.numMedia;
  return (
    <>
      <span className="twilio-msg-top">
        <time dateTime={message.dateSent ?? undefined}>{f.dateTime(message.dateSent ?? message.dateCreated)}</time>
        {count === null ? null : <span className={`twilio-count${count === 0 ? ' none' : ''}`}>{count === 0 ? t('message.noMedia') : t('message.media', { count })}</span>}
      </span>
      <Parties className="twilio-msg-parties" from={message.from} to={message.to} />
      <span className="twilio-msg-body">{message.body?.trim() ? message.body : <em>{t('message.noText')}</em>}</span>
      <MessageFacts message={message} />
    </>
  );
}

/** "+1555… → +1555…" to the eye, "+1555… to +1555…" to a screen reader. */
export function Parties({ className, from, to }: { className?: string; from: string | null; to: string | null }) {
  const { t } = useTranslation('twilio');
  return (
    <span className={className}>
      <span aria-hidden="true">
        {from ?? '—'} → {to ?? '—'}
      </span>
      <span className="twilio-sr-only">{t('message.parties', { from: from ?? '—', to: to ?? '—' })}</span>
    </span>
  );
}

export function MessageList({ items, selected, hasMore, loading, onSelect, onOpen, onLoadMore }: MessageListProps) {
  const { t } = useTranslation('twilio');
  const parent = useRef<HTMLDivElement>(null);
  const baseId = useId();
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 6 });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows[rows.length - 1]?.index ?? -1;
  const activeIndex = Math.max(0, items.findIndex((m) => m.sid === selected));
  // Where the keyboard is, updated at once: keys pressed faster than a render must each move one row on.
  const keyboardIndex = useRef(selected === null ? -1 : activeIndex);
  keyboardIndex.current = selected === null ? -1 : activeIndex;

  useEffect(() => {
    if (hasMore && !loading && lastShown >= items.length - PREFETCH_ROWS) onLoadMore();
  }, [hasMore, loading, lastShown, items.length, onLoadMore]);

  const move = (index: number) => {
    const clamped = Math.min(items.length - 1, Math.max(0, index));
    const target = items[clamped];
    if (!target) return;
    keyboardIndex.current = clamped;
    onSelect(target.sid);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((parent.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const current = keyboardIndex.current;
    const chosen = items[current];
    if (event.key === 'Enter' && chosen) {
      event.preventDefault();
      onOpen(chosen.sid);
      return;
    }
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, PageDown: current + page, PageUp: current - page, Home: 0, End: items.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    move(next);
  };

  return (
    <div
      ref={parent}
      className="twilio-msg-scroll"
      role="listbox"
      tabIndex={0}
      aria-label={t('list.label')}
      aria-activedescendant={selected !== null && items[activeIndex] ? `${baseId}-${activeIndex}` : undefined}
      aria-busy={loading}
      onKeyDown={onKeyDown}
    >
      <div role="presentation" className="twilio-msg-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => {
          const message = items[row.index];
          if (!message) return null;
          const isSelected = message.sid === selected;
          return (
            <div
              key={message.sid}
              id={`${baseId}-${row.index}`}
              role="option"
              aria-selected={isSelected}
              aria-setsize={hasMore ? -1 : items.length}
              aria-posinset={row.index + 1}
              data-index={row.index}
              ref={virtualizer.measureElement}
              className={`twilio-msg${isSelected ? ' selected' : ''}`}
              style={{ transform: `translateY(${row.start}px)` }}
              onClick={() => {
                onSelect(message.sid);
                onOpen(message.sid);
              }}
            >
              <MessageRow message={message} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
