// The library's own messages (what an upload, a download or a delete did): a new one replaces the last good news,
// warnings and errors stay (the last two) until dismissed or until the folder changes.
import { useCallback, useRef, useState } from 'react';

export interface Notice {
  id: number;
  level: 'ok' | 'bad' | 'warn';
  text: string;
  items?: string[];
}

export type Notify = (level: Notice['level'], text: string, items?: string[]) => void;

export function useNotices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  const seq = useRef(0);
  const notify: Notify = useCallback((level, text, items) => {
    const notice: Notice = { id: ++seq.current, level, text, ...(items && items.length > 0 ? { items } : {}) };
    setNotices((list) => [...list.filter((n) => n.level !== 'ok').slice(-2), notice]);
  }, []);
  const clearGoodNews = useCallback(() => setNotices((list) => (list.some((n) => n.level === 'ok') ? list.filter((n) => n.level !== 'ok') : list)), []);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((x) => x.id !== id)), []);
  return { notices, notify, clearGoodNews, dismiss };
}

export function NoticeList({ notices, onDismiss }: { notices: readonly Notice[]; onDismiss: (id: number) => void }) {
  return (
    <>
      {notices.map((n) => (
        <div key={n.id} className={`banner ${n.level} lib-notice`} role={n.level === 'bad' ? 'alert' : 'status'}>
          <div className="lib-notice-text">
            <p>{n.text}</p>
            {n.items ? (
              <ul>
                {n.items.map((line) => <li key={line}>{line}</li>)}
              </ul>
            ) : null}
          </div>
          <button type="button" className="small" aria-label="Dismiss" onClick={() => onDismiss(n.id)}>×</button>
        </div>
      ))}
    </>
  );
}
