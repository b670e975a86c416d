// The frame of a test that switches the window's language: each test leaves the screen empty, its mocks restored and
// the window in English again, so the next test (and the next file in the same worker) starts from English.
import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { switchLanguage } from '../../../renderer/src/i18n';

/** After each test: unmount, restore the mocks, back to English. */
export function backToEnglishAfterEach(): void {
  afterEach(async () => {
    cleanup();
    vi.restoreAllMocks();
    await switchLanguage('en');
  });
}

/** Each test runs in Japanese (switched after the file's own beforeEach so far), and ends back in English. */
export function inJapaneseEachTest(): void {
  beforeEach(async () => {
    await act(() => switchLanguage('ja'));
  });
  backToEnglishAfterEach();
}
