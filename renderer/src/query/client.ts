// The renderer's one cache of server state (accounts' folders, files, ACLs, messages, media…): every view reads
// through it and every change invalidates what it touched, so no view keeps its own copy or stale-answer guard.
import { QueryClient } from '@tanstack/react-query';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Main already retries what is worth retrying (429, a just-arrived 404); a second layer here would only
        // delay the error the user has to see.
        retry: false,
        // Listings change only through this app or a refresh the user asks for; a window refocus is not a reason.
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
}

export const queryClient = createQueryClient();
