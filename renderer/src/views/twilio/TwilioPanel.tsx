// The Twilio message-media viewer: messages (filtered, loaded page by page as the list scrolls), the media of the
// selected one, and the clean-up screen.
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import type { AccountSummary } from '../../../../main/common/accounts';
import { CleanupView } from './CleanupView';
import { MediaPane } from './MediaPane';
import { MessageFilters } from './MessageFilters';
import { MessageList } from './MessageList';
import { TwilioError } from './TwilioError';
import { hasFilters, itemsOf, NO_FILTERS, useMessages } from './queries';
import { useRememberedFilters } from './useRememberedFilters';
import './twilio.css';

function MessagesEmpty({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  const { t } = useTranslation('twilio');
  return filtered ? (
    <div className="empty">
      <p>{t('list.noMatch')}</p>
      <button type="button" onClick={onClear}>
        {t('list.clearFilters')}
      </button>
    </div>
  ) : (
    <p className="empty">{t('list.empty')}</p>
  );
}

/** "2 messages, all loaded": what the list holds, and whether more are to come. */
function listStatus(t: TFunction<'twilio'>, count: number, more: boolean, complete: boolean): string {
  if (more) return t('list.countMore', { count });
  return complete ? t('list.countAll', { count }) : t('list.count', { count });
}

/**
 * In a narrow panel the media sit under the list, out of sight: a message opened there (a click, Enter) scrolls its
 * media in and takes the focus to their heading. Beside the list they are in view already, and the focus stays in
 * the list for its arrows.
 */
function revealMedia(column: HTMLElement | null): void {
  const heading = column?.querySelector<HTMLElement>('#twilio-media-title');
  const browser = column?.parentElement;
  if (!heading || !browser) return;
  // One column track: the media under the list (none read, as where no style applies: leave things be).
  const columns = getComputedStyle(browser).gridTemplateColumns.trim();
  if (columns === '' || columns.split(/\s+/).length > 1) return;
  // The page's own scroller only: scrollIntoView would also scroll the window's clipped shell, taking the compact bar
  // off the top when the page cannot scroll that far.
  const scroller = scrollerOf(heading);
  if (scroller) {
    const margin = parseFloat(getComputedStyle(heading).scrollMarginTop) || 0;
    scroller.scrollTop += heading.getBoundingClientRect().top - scroller.getBoundingClientRect().top - margin;
  }
  heading.focus({ preventScroll: true });
}

function scrollerOf(element: HTMLElement): HTMLElement | null {
  for (let el = element.parentElement; el; el = el.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(el).overflowY) && el.scrollHeight > el.clientHeight) return el;
  }
  return null;
}

function MessageBrowser({ account }: { account: AccountSummary }) {
  const { t } = useTranslation('twilio');
  const [filters, setFilters] = useRememberedFilters(account.id);
  const [selected, setSelected] = useState<string | null>(null);
  const [opened, setOpened] = useState(0);
  const mediaColumn = useRef<HTMLDivElement>(null);
  // After the render that shows the opened message's media.
  useEffect(() => {
    if (opened > 0) revealMedia(mediaColumn.current);
  }, [opened]);
  const messages = useMessages(account.id, filters);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = messages;
  const items = itemsOf(messages.data);
  const loading = messages.isPending || isFetchingNextPage;
  // The scroll and the button both ask; one page at a time, and none after a failed one until "Try again".
  const onLoadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage({ cancelRefetch: false });
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const selectedMessage = items.find((m) => m.sid === selected);
  const filtered = hasFilters(filters);
  const error = messages.isError ? messages.error : undefined;

  return (
    <>
      <MessageFilters
        value={filters}
        onApply={(next) => {
          setFilters(next);
          setSelected(null);
        }}
      />
      {error && items.length === 0 ? (
        // Nothing to browse: the error is all there is to show, across the whole width.
        <TwilioError error={error} onRetry={() => void messages.refetch()} />
      ) : (
        <div className="twilio-browser">
          <div className="twilio-list-col">
            {messages.isSuccess && items.length === 0 ? (
              <MessagesEmpty filtered={filtered} onClear={() => setFilters(NO_FILTERS)} />
            ) : (
              <MessageList items={items} selected={selected} hasMore={hasNextPage} loading={loading || messages.isFetchNextPageError} onSelect={setSelected} onOpen={() => setOpened((n) => n + 1)} onLoadMore={onLoadMore} />
            )}
            <div className="twilio-list-status">
              <span role="status" className="subtle">
                {loading ? t('list.loading') : listStatus(t, items.length, hasNextPage, messages.isSuccess)}
              </span>
              {hasNextPage && !loading ? (
                <button type="button" className="small" onClick={onLoadMore}>
                  {t('list.loadMore')}
                </button>
              ) : null}
            </div>
            {items.length > 0 ? <TwilioError error={error} onRetry={onLoadMore} /> : null}
          </div>
          <div className="twilio-media-col" ref={mediaColumn}>
            {selectedMessage ? (
              <MediaPane key={selectedMessage.sid} accountId={account.id} message={selectedMessage} />
            ) : (
              <p className="empty">{t('list.choose')}</p>
            )}
          </div>
        </div>
      )}
    </>
  );
}

export function TwilioPanel({ account }: { account: AccountSummary }) {
  const { t } = useTranslation('twilio');
  const [screen, setScreen] = useState<'messages' | 'cleanup'>('messages');
  return (
    <div className="twilio-panel">
      <div className="twilio-panel-bar">
        <h2 className="twilio-panel-title">{screen === 'messages' ? t('panel.messagesTitle') : t('panel.cleanupTitle')}</h2>
        {screen === 'messages' ? (
          <button type="button" onClick={() => setScreen('cleanup')}>
            {t('panel.toCleanup')}
          </button>
        ) : (
          <button type="button" onClick={() => setScreen('messages')}>
            {t('panel.toMessages')}
          </button>
        )}
      </div>
      {!account.secretSet ? (
        <p className="banner warn">{account.kind === 'twilio' && account.authMode === 'apiKey' ? t('panel.noApiKeySecret') : t('panel.noAuthToken')}</p>
      ) : null}
      {screen === 'messages' ? <MessageBrowser account={account} /> : <CleanupView accountId={account.id} accountLabel={account.label} />}
    </div>
  );
}
