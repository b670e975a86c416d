// The window speaks the language Settings chose, or the OS's; a change applies at once to what is on screen, and
// main's errors are said in the same language.
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { LanguageChoice } from '../../../main/common/i18n/languages';
import { phrase } from '../../../main/common/i18n/phrase';
import { AppError } from '../../../main/common/errors';
import { messageOf, UiError } from '../../../renderer/src/bridge';
import { i18n, switchLanguage, useLanguageChoice, useTranslation } from '../../../renderer/src/i18n';
import { backToEnglishAfterEach } from './in-japanese';

function Probe({ choice }: { choice: LanguageChoice | undefined }) {
  useLanguageChoice(choice);
  const { t } = useTranslation();
  return <button type="button">{t('action.cancel')}</button>;
}

backToEnglishAfterEach();

describe('the window language', () => {
  it('switches what is on screen without a restart', async () => {
    const view = render(<Probe choice="en" />);
    await waitFor(() => expect(screen.getByRole('button').textContent).toBe('Cancel'));
    view.rerender(<Probe choice="ja" />);
    await waitFor(() => expect(screen.getByRole('button').textContent).toBe('キャンセル'));
    expect(document.documentElement.lang).toBe('ja');
    view.rerender(<Probe choice="en" />);
    await waitFor(() => expect(screen.getByRole('button').textContent).toBe('Cancel'));
    expect(document.documentElement.lang).toBe('en');
  });

  it("follows the OS's languages when Settings says 'system'", async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['fr-FR', 'ja-JP', 'en-US']);
    render(<Probe choice="system" />);
    await waitFor(() => expect(screen.getByRole('button').textContent).toBe('キャンセル'));
  });

  it("says main's errors in the window's language, and main's English when there is no phrase", async () => {
    const said = new AppError('validation', phrase('common:language.system', { language: 'x' })).toData();
    await act(() => switchLanguage('ja'));
    expect(i18n.language).toBe('ja');
    expect(messageOf(new UiError(said))).toBe('システムに合わせる（x）');
    expect(messageOf(new UiError({ code: 'remote', message: 'The server said no.' }))).toBe('The server said no.');
    expect(messageOf('thrown text')).toBe('問題が発生しました。');
  });
});
