// The one notice area: a fixed region at the bottom right of the window (it never pushes content down), above a panel
// docked at the bottom (see notice-placement.ts), newest first, each notice dismissable, announced politely; news
// leaves by itself after a few seconds, unless the pointer or the focus is on the notices.
//
// Above dialogs: a dialog opened with showModal() sits in the top layer, above any z-index, and makes everything
// outside it inert (not clickable, hidden from screen readers). A popover would paint above the dialog but would
// still be inert under it, so its Dismiss button could not be used. Instead, while a modal dialog is open the region
// is rendered inside the open dialog (a portal), where it is neither hidden nor inert; otherwise in the page.
import { useEffect, useState, type FocusEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from '../i18n';
import { useNoticeStore, type ShownNotice } from '../store/notices-store';
import { noticeLifetime, useExpiry, useNoticeFloor } from './notice-placement';

/**
 * The last open dialog, followed as dialogs open and close. The app opens its dialogs with showModal() only; a
 * non-modal one would hold the region just as well (it is fixed to the window either way).
 */
function useTopModalDialog(): HTMLDialogElement | null {
  const [dialog, setDialog] = useState<HTMLDialogElement | null>(null);
  useEffect(() => {
    const find = () => {
      const open = [...document.querySelectorAll('dialog[open]')].filter((d): d is HTMLDialogElement => d instanceof HTMLDialogElement);
      setDialog(open.at(-1) ?? null);
    };
    find();
    const observer = new MutationObserver(find);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['open'] });
    return () => observer.disconnect();
  }, []);
  return dialog;
}

function NoticeItem({ notice, paused }: { notice: ShownNotice; paused: boolean }) {
  const dismiss = useNoticeStore((s) => s.dismiss);
  const { t } = useTranslation('shell');
  // A newer notice of the same cause (a new text) gets its own full time.
  useExpiry(noticeLifetime(notice), paused, notice.text, () => dismiss(notice.key));
  return (
    <li className={`notice notice-${notice.level}`}>
      <div className="notice-text">
        {notice.text}
        {notice.items ? (
          <ul className="notice-items">
            {notice.items.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <button type="button" className="notice-dismiss" onClick={() => dismiss(notice.key)} aria-label={t('notices.dismiss', { text: notice.text })}>
        ×
      </button>
    </li>
  );
}

export function NoticeRegion() {
  const notices = useNoticeStore((s) => s.notices);
  const dialog = useTopModalDialog();
  const bottom = useNoticeFloor();
  const { t } = useTranslation('shell');
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const empty = notices.length === 0;
  // The list goes with its last notice, and no leave or blur event comes from it then.
  useEffect(() => {
    if (empty) {
      setHovered(false);
      setFocused(false);
    }
  }, [empty]);
  const blurred = (event: FocusEvent) => {
    if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) setFocused(false);
  };
  const region = (
    <div className="notice-region" role="region" aria-label={t('notices.label')} aria-live="polite" style={{ bottom }}>
      {notices.length > 0 ? (
        <ul className="notice-list" onMouseEnter={() => setHovered(true)} onMouseLeave={() => setHovered(false)} onFocus={() => setFocused(true)} onBlur={blurred}>
          {notices.map((notice) => (
            <NoticeItem key={notice.key} notice={notice} paused={hovered || focused} />
          ))}
        </ul>
      ) : null}
    </div>
  );
  return dialog ? createPortal(region, dialog) : region;
}
