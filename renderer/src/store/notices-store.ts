// The one notice area's state. A notice has a key naming its cause: showing a notice with a key that is already
// shown replaces it (so "Uploading 3 files…" becomes "3 files uploaded" instead of stacking), and the view that
// owns the cause clears its key when the cause ends. Newest first.
import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import type { Notice } from '../../../main/common/contract';
import { call } from '../bridge';
import { errorText } from '../i18n';

export type NoticeLevel = 'info' | 'ok' | 'warn' | 'error';

export interface NoticeInput {
  /** The cause: a later notice with the same key replaces this one; clear(key) removes it. */
  key?: string;
  level: NoticeLevel;
  text: string;
  /** What the text sums up, one line each (the files a server refused and why). */
  items?: readonly string[];
}

export interface ShownNotice {
  key: string;
  level: NoticeLevel;
  text: string;
  items?: readonly string[];
  /** Set for notices main sent: dismissing one tells main, so it is not shown again. */
  mainId?: string;
}

interface NoticesState {
  notices: ShownNotice[];
  /** Shows a notice at the top and returns its key (a fresh one when none was given). */
  show: (notice: NoticeInput) => string;
  /** Removes the notice with this key, if it is shown: its cause has ended. */
  clear: (key: string) => void;
  /** The user closed it. */
  dismiss: (key: string) => void;
  /** Main's notices (app.notices at start, then each `notice` event). */
  fromMain: (notices: Notice[]) => void;
}

let serial = 0;
const mainKey = (id: string) => `main:${id}`;

export const useNoticeStore = create<NoticesState>((set, get) => ({
  notices: [],
  show(input) {
    const key = input.key ?? `notice-${++serial}`;
    const notice: ShownNotice = { key, level: input.level, text: input.text, ...(input.items && input.items.length > 0 ? { items: input.items } : {}) };
    set((s) => ({ notices: [notice, ...s.notices.filter((n) => n.key !== key)] }));
    return key;
  },
  clear(key) {
    if (get().notices.some((n) => n.key === key)) set((s) => ({ notices: s.notices.filter((n) => n.key !== key) }));
  },
  dismiss(key) {
    const notice = get().notices.find((n) => n.key === key);
    get().clear(key);
    // Main keeps its notices until told; a failed call only means it may show again at the next start.
    if (notice?.mainId) void call('app.dismissNotice', { id: notice.mainId }).catch(() => undefined);
  },
  fromMain(notices) {
    const added = notices.map((n): ShownNotice => ({ key: mainKey(n.id), level: n.level, text: errorText(n), mainId: n.id })).reverse();
    const keys = new Set(added.map((n) => n.key));
    set((s) => ({ notices: [...added, ...s.notices.filter((n) => !keys.has(n.key))] }));
  },
}));

/** The notice API for views: `const notices = useNotices(); notices.show({ key, level, text }); notices.clear(key)`. */
export function useNotices(): Pick<NoticesState, 'show' | 'clear'> {
  const show = useNoticeStore((s) => s.show);
  const clear = useNoticeStore((s) => s.clear);
  return useMemo(() => ({ show, clear }), [show, clear]);
}

/**
 * Shows `notice` under `key` while it is not null, and clears it when it becomes null or the component goes:
 * for notices whose cause is a piece of the view's state ("3 files uploading", "this folder is read-only").
 */
export function useNoticeWhile(key: string, notice: Omit<NoticeInput, 'key'> | null): void {
  const level = notice?.level;
  const text = notice?.text;
  useEffect(() => {
    if (level === undefined || text === undefined) return undefined;
    useNoticeStore.getState().show({ key, level, text });
    return () => useNoticeStore.getState().clear(key);
  }, [key, level, text]);
}
