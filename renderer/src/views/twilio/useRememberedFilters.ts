// The message filters, remembered per account (main's settings) so that a restart shows the same messages. Remembered
// values are checked again before use: a hand-edited or outdated one that the filter form would refuse is dropped.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { TwilioFilters } from '../../../../main/common/contract';
import { MESSAGE_SID } from '../../../../main/common/methods/twilio';
import { rememberAccountPlace, useSettings } from '../../query/settings';
import { useAppStore } from '../../store/app-store';
import { NO_FILTERS, type MessageFilterValues } from './queries';

export function usableFilters(remembered: TwilioFilters | undefined): MessageFilterValues {
  if (!remembered) return NO_FILTERS;
  const sid = remembered.sid.trim();
  if (sid !== '' && !MESSAGE_SID.test(sid)) return NO_FILTERS;
  if (remembered.dateSentAfter && remembered.dateSentBefore && remembered.dateSentAfter > remembered.dateSentBefore) return NO_FILTERS;
  return remembered;
}

export function useRememberedFilters(accountId: string): [MessageFilterValues, (filters: MessageFilterValues) => void] {
  const client = useQueryClient();
  const remembered = useSettings()?.accountPlaces[accountId]?.twilioFilters;
  const [filters, setFilters] = useState<MessageFilterValues>(() => usableFilters(remembered));
  const apply = useCallback(
    (next: MessageFilterValues) => {
      setFilters(next);
      rememberAccountPlace(client, accountId, { twilioFilters: next }, useAppStore.getState().accounts.map((a) => a.id));
    },
    [client, accountId],
  );
  return [filters, apply];
}
