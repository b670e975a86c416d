// A view rendered as the app renders it: inside a QueryClientProvider with the app's query client (its retry and
// cache rules), a fresh one for each render so that no answer is shared between tests.
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createQueryClient } from '../../renderer/src/query/client';

/** Renders `ui` with a new app query client; the client is returned with the render's queries. */
export function renderWithQueries(ui: ReactElement) {
  const client = createQueryClient();
  return { client, ...render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>) };
}
