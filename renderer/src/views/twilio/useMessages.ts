// The message list's data: the first page for the current filters, then the next pages by the link each page gave,
// one request at a time. Answers to filters that were replaced meanwhile are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TwilioMessageView } from '../../../../main/common/methods/twilio';
import { call } from '../../bridge';

export interface MessageFilterValues {
  dateSentAfter: string;
  dateSentBefore: string;
  from: string;
  to: string;
  withMediaOnly: boolean;
}

export const NO_FILTERS: MessageFilterValues = { dateSentAfter: '', dateSentBefore: '', from: '', to: '', withMediaOnly: false };

export function hasFilters(f: MessageFilterValues): boolean {
  return f.dateSentAfter !== '' || f.dateSentBefore !== '' || f.from.trim() !== '' || f.to.trim() !== '' || f.withMediaOnly;
}

interface MessagesState {
  items: TwilioMessageView[];
  nextPageUri: string | null;
  loading: boolean;
  /** Set once the first page arrived (an empty list then means "none", not "not yet"). */
  loaded: boolean;
  error?: unknown;
}

export function useMessages(accountId: string, filters: MessageFilterValues, pageSize = 50) {
  const [state, setState] = useState<MessagesState>({ items: [], nextPageUri: null, loading: true, loaded: false });
  const generation = useRef(0);
  const busy = useRef(false);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    busy.current = true;
    setState({ items: [], nextPageUri: null, loading: true, loaded: false });
    try {
      const page = await call('twilio.listMessages', {
        accountId,
        pageSize,
        ...(filters.dateSentAfter ? { dateSentAfter: filters.dateSentAfter } : {}),
        ...(filters.dateSentBefore ? { dateSentBefore: filters.dateSentBefore } : {}),
        ...(filters.from.trim() ? { from: filters.from.trim() } : {}),
        ...(filters.to.trim() ? { to: filters.to.trim() } : {}),
        ...(filters.withMediaOnly ? { withMediaOnly: true } : {}),
      });
      if (mine === generation.current) setState({ items: page.items, nextPageUri: page.nextPageUri, loading: false, loaded: true });
    } catch (error) {
      if (mine === generation.current) setState({ items: [], nextPageUri: null, loading: false, loaded: true, error });
    } finally {
      if (mine === generation.current) busy.current = false;
    }
  }, [accountId, filters, pageSize]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const loadMore = useCallback(async () => {
    const link = state.nextPageUri;
    if (link === null || busy.current) return;
    const mine = generation.current;
    busy.current = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    try {
      const page = await call('twilio.nextMessages', { accountId, nextPageUri: link, ...(filters.withMediaOnly ? { withMediaOnly: true } : {}) });
      if (mine === generation.current) setState((s) => ({ ...s, items: [...s.items, ...page.items], nextPageUri: page.nextPageUri, loading: false }));
    } catch (error) {
      // The link is kept: "Try again" asks for the same page.
      if (mine === generation.current) setState((s) => ({ ...s, loading: false, error }));
    } finally {
      if (mine === generation.current) busy.current = false;
    }
  }, [accountId, filters.withMediaOnly, state.nextPageUri]);

  /** After a deletion: the message's media count as the list shows it. */
  const adjustMediaCount = useCallback((messageSid: string, delta: number) => {
    setState((s) => ({ ...s, items: s.items.map((m) => (m.sid === messageSid && m.numMedia !== null ? { ...m, numMedia: Math.max(0, m.numMedia + delta) } : m)) }));
  }, []);

  return { ...state, reload, loadMore, adjustMediaCount };
}
