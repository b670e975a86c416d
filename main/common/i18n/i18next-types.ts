// Type-checked keys: t('library:folder.empty') must name a key the English catalogue has, or tsc fails. This is
// half of the check that no user-visible text escapes the catalogue (the other half is ESLint's no-literal-string).
import type { en } from './locales/en/index.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    keySeparator: false;
    resources: typeof en;
  }
}
