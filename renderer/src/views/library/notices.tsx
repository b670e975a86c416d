// The library's messages (what an upload, a download or a delete did) go to the app's one notice area
// (store/notices-store.ts), newest first and dismissable, never pushing the table down. Each belongs to the place it
// was said in (the folder list or a folder) and is cleared when the user leaves that place or the library; one about
// transfers also goes when they end. Good news replaces good news; a message with a cause replaces the last one of
// that cause ("Preparing 3 files…" becomes "Uploading 3 files…").
import { useCallback, useEffect, useRef } from 'react';
import { useNotices, type NoticeLevel } from '../../store/notices-store';
import { whenTransfersEnd } from '../../store/transfers-store';

export type NotifyLevel = 'info' | 'ok' | 'warn' | 'bad';

export interface NotifyOptions {
  /** One operation's messages share a cause: each replaces the one before. */
  cause?: string;
  /** Transfer ids: the message is cleared once they have all ended. */
  until?: readonly string[];
}

export type Notify = (level: NotifyLevel, text: string, items?: string[], options?: NotifyOptions) => void;

const LEVELS: Record<NotifyLevel, NoticeLevel> = { info: 'info', ok: 'ok', warn: 'warn', bad: 'error' };

let serial = 0;
/** A cause for one operation, so that its last message is replaced by its next, not by another's. */
export const newCause = (what: string) => `${what}-${++serial}`;

export function useLibraryNotices(accountId: string, place: string | null): Notify {
  const { show, clear } = useNotices();
  const scope = `library:${accountId}:${place === null ? '/' : `folder:${place}`}`;
  const current = useRef(scope);
  const shown = useRef(new Set<string>());
  useEffect(() => {
    current.current = scope;
    const keys = shown.current;
    // Leaving the place (another folder, back up, another account, another view) clears what was said there.
    return () => {
      for (const key of keys) clear(key);
      keys.clear();
    };
  }, [scope, clear]);

  return useCallback<Notify>(
    (level, text, items, options) => {
      const cause = options?.cause ?? (level === 'ok' || level === 'info' ? 'news' : newCause('notice'));
      const key = `${current.current}:${cause}`;
      show({ key, level: LEVELS[level], text, ...(items ? { items } : {}) });
      shown.current.add(key);
      if (options?.until) {
        whenTransfersEnd(options.until, () => {
          clear(key);
          shown.current.delete(key);
        });
      }
    },
    [show, clear],
  );
}
