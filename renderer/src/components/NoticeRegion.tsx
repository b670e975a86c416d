// The one notice area: a fixed region over the top right of the window (it never pushes content down), newest first,
// each notice dismissable, announced politely.
//
// Above dialogs: a dialog opened with showModal() sits in the top layer, above any z-index, and makes everything
// outside it inert (not clickable, hidden from screen readers). A popover would paint above the dialog but would
// still be inert under it, so its Dismiss button could not be used. Instead, while a modal dialog is open the region
// is rendered inside the open dialog (a portal), where it is neither hidden nor inert; otherwise in the page.
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from '../i18n';
import { useNoticeStore } from '../store/notices-store';

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

export function NoticeRegion() {
  const notices = useNoticeStore((s) => s.notices);
  const dismiss = useNoticeStore((s) => s.dismiss);
  const dialog = useTopModalDialog();
  const { t } = useTranslation('shell');
  const region = (
    <div className="notice-region" role="region" aria-label={t('notices.label')} aria-live="polite">
      {notices.length > 0 ? (
        <ul className="notice-list">
          {notices.map((notice) => (
            <li key={notice.key} className={`notice notice-${notice.level}`}>
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
          ))}
        </ul>
      ) : null}
    </div>
  );
  return dialog ? createPortal(region, dialog) : region;
}
