// The Twilio viewer's server state, through the app's query cache: messages and media pages keyed by account and
// filters or message, a media's JSON and XML keyed by account and media, deletion as a mutation that updates and
// then re-reads what it changed. A newer answer replaces an older one by key, so no view keeps a stale-answer guard.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import type { TwilioMediaView, TwilioMessageView, TwilioPage } from '../../../../main/common/methods/twilio';
import { call, UiError } from '../../bridge';
import { prettyXml } from '../../../../main/common/xml-format';

export interface MessageFilterValues {
  dateSentAfter: string;
  dateSentBefore: string;
  from: string;
  to: string;
  withMediaOnly: boolean;
  /** One message by its SID (SM… or MM…): the other filters do not apply to it. */
  sid: string;
}

export const NO_FILTERS: MessageFilterValues = { dateSentAfter: '', dateSentBefore: '', from: '', to: '', withMediaOnly: false, sid: '' };

export function hasFilters(f: MessageFilterValues): boolean {
  return f.dateSentAfter !== '' || f.dateSentBefore !== '' || f.from.trim() !== '' || f.to.trim() !== '' || f.withMediaOnly || f.sid.trim() !== '';
}

/** The message with this SID as a one-item page, or an empty one when Twilio has none by it. */
async function messageBySid(accountId: string, messageSid: string): Promise<TwilioPage<TwilioMessageView>> {
  try {
    return { items: [await call('twilio.getMessage', { accountId, messageSid })], nextPageUri: null };
  } catch (err) {
    if (err instanceof UiError && err.code === 'not_found') return { items: [], nextPageUri: null };
    throw err;
  }
}

export const twilioKeys = {
  account: (accountId: string) => ['twilio', accountId] as const,
  messages: (accountId: string, filters?: MessageFilterValues) => (filters ? (['twilio', accountId, 'messages', filters] as const) : (['twilio', accountId, 'messages'] as const)),
  media: (accountId: string, messageSid: string) => ['twilio', accountId, 'media', messageSid] as const,
  resource: (accountId: string, mediaSid: string, format: 'json' | 'xml') => ['twilio', accountId, 'resource', mediaSid, format] as const,
  cleanupLatest: (accountId: string) => ['twilio', accountId, 'cleanup'] as const,
  cleanupRun: (accountId: string, runId: string) => ['twilio', accountId, 'cleanup', runId] as const,
  cleanupPlan: (accountId: string, planId: string) => ['twilio', accountId, 'cleanupPlan', planId] as const,
  preview: (accountId: string, mediaSid: string) => ['twilio', accountId, 'preview', mediaSid] as const,
};

type Pages<T> = InfiniteData<TwilioPage<T>, string | null>;

/** Every loaded item of a paged answer, in order. */
export function itemsOf<T>(data: InfiniteData<TwilioPage<T>, unknown> | undefined): T[] {
  return data?.pages.flatMap((p) => p.items) ?? [];
}

/** The messages for these filters: the first page, then each next page by the link the last one gave. */
export function useMessages(accountId: string, filters: MessageFilterValues, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: twilioKeys.messages(accountId, filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      filters.sid.trim() !== ''
        ? messageBySid(accountId, filters.sid.trim())
        : pageParam === null
        ? call('twilio.listMessages', {
            accountId,
            pageSize,
            ...(filters.dateSentAfter ? { dateSentAfter: filters.dateSentAfter } : {}),
            ...(filters.dateSentBefore ? { dateSentBefore: filters.dateSentBefore } : {}),
            ...(filters.from.trim() ? { from: filters.from.trim() } : {}),
            ...(filters.to.trim() ? { to: filters.to.trim() } : {}),
            ...(filters.withMediaOnly ? { withMediaOnly: true } : {}),
          })
        : call('twilio.nextMessages', { accountId, nextPageUri: pageParam, ...(filters.withMediaOnly ? { withMediaOnly: true } : {}) }),
    getNextPageParam: (last) => last.nextPageUri ?? undefined,
  });
}

/** The media of one message, page by page. */
export function useMessageMedia(accountId: string, messageSid: string) {
  return useInfiniteQuery({
    queryKey: twilioKeys.media(accountId, messageSid),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => (pageParam === null ? call('twilio.listMedia', { accountId, messageSid }) : call('twilio.nextMedia', { accountId, nextPageUri: pageParam })),
    getNextPageParam: (last) => last.nextPageUri ?? undefined,
  });
}

/** A media resource as JSON (pretty) or as Twilio's XML (indented), read when the view is first shown. */
export function useMediaResource(media: TwilioMediaView, accountId: string, format: 'json' | 'xml', enabled: boolean) {
  return useQuery({
    queryKey: twilioKeys.resource(accountId, media.sid, format),
    enabled,
    queryFn: async () => {
      const ref = { accountId, messageSid: media.messageSid, mediaSid: media.sid };
      if (format === 'json') return JSON.stringify((await call('twilio.getMedia', ref)).resource, null, 2);
      return prettyXml((await call('twilio.getMediaXml', ref)).xml);
    },
  });
}

function withoutMedia(client: QueryClient, accountId: string, media: TwilioMediaView): void {
  client.setQueryData<Pages<TwilioMediaView>>(twilioKeys.media(accountId, media.messageSid), (data) =>
    data ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((m) => m.sid !== media.sid) })) } : data,
  );
  client.setQueriesData<Pages<TwilioMessageView>>({ queryKey: twilioKeys.messages(accountId) }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((p) => ({
            ...p,
            items: p.items.map((m) => (m.sid === media.messageSid && m.numMedia !== null ? { ...m, numMedia: Math.max(0, m.numMedia - 1) } : m)),
          })),
        }
      : data,
  );
}

/** Deletes a media: the grid and the list's count change at once, then the message's media are read again. */
export function useDeleteMedia(accountId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (media: TwilioMediaView) => call('twilio.deleteMedia', { accountId, messageSid: media.messageSid, mediaSid: media.sid }),
    onSuccess: async (_done, media) => {
      withoutMedia(client, accountId, media);
      client.removeQueries({ queryKey: ['twilio', accountId, 'resource', media.sid] });
      await client.invalidateQueries({ queryKey: twilioKeys.media(accountId, media.messageSid) });
    },
  });
}
