import { useAppStore } from '../store/app-store';

export function NoticeBar() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.level}`} role={notice.level === 'info' ? 'status' : 'alert'}>
          <span>{notice.message}</span>
          <button type="button" className="link" onClick={() => void dismiss(notice.id)} aria-label="Dismiss this message">
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
