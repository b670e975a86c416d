import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { switchLanguage, systemLanguage } from './i18n';
import { queryClient } from './query/client';
import { useAppStore } from './store/app-store';

void useAppStore.getState().init();
const root = document.getElementById('root');
// The first frame is already in the OS's language; a different choice in Settings follows once settings arrive.
if (root) void switchLanguage(systemLanguage()).finally(() => render(root));

function render(root: HTMLElement): void {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
