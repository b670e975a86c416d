// The date filters follow the app's language, not Chromium's locale: the format hint, the separator shown and the
// error come from the catalogue (English 2026-12-05, Japanese 2026/12/05), a day is typed in either form (full-width
// digits too) and applied as ISO, and what is not a day is refused before anything is asked of Twilio.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDay } from '../../../renderer/src/components/DateField';
import { switchLanguage } from '../../../renderer/src/i18n';
import { MessageFilters } from '../../../renderer/src/views/twilio/MessageFilters';
import { NO_FILTERS } from '../../../renderer/src/views/twilio/queries';

afterEach(async () => {
  cleanup();
  await switchLanguage('en');
});

describe('parseDay', () => {
  it('reads year, month and day with -, /, . or 年月日, full-width digits too, and refuses what is no day', () => {
    expect(parseDay('2026-12-05')).toBe('2026-12-05');
    expect(parseDay(' 2026/1/5 ')).toBe('2026-01-05');
    expect(parseDay('２０２６年１２月５日')).toBe('2026-12-05');
    // The dashes a Japanese input method gives, which NFKC does not turn into '-'.
    for (const dash of ['ー', '−', '‐', '–']) expect(parseDay(`２０２６${dash}１２${dash}０５`), dash).toBe('2026-12-05');
    expect(parseDay('')).toBe('');
    for (const bad of ['2026-02-30', '12/05/2026', '2026-13-01', '2026-12-05T00:00', '2026-12-05; DROP', '٢٠٢٦-١٢-٠٥']) expect(parseDay(bad)).toBeNull();
  });
});

function show(value = NO_FILTERS) {
  const onApply = vi.fn();
  render(<MessageFilters value={value} onApply={onApply} />);
  return onApply;
}

describe('the message filters’ days', () => {
  it('in English: the hint yyyy-mm-dd, no browser date input, a day typed with slashes applied as ISO', () => {
    const onApply = show();
    const first = screen.getByLabelText('Sent from');
    expect(first.getAttribute('type')).toBe('text');
    expect(first.getAttribute('placeholder')).toBe('yyyy-mm-dd');
    expect(document.getElementById(first.getAttribute('aria-describedby') ?? '-')?.textContent).toBe('Year, month and day, as in 2026-12-05.');
    fireEvent.change(first, { target: { value: '2026/12/5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onApply).toHaveBeenCalledWith(expect.objectContaining({ dateSentAfter: '2026-12-05' }));
  });

  it('in Japanese: the hint 年/月/日, a day shown with slashes, and what is no day refused in Japanese', async () => {
    await switchLanguage('ja');
    const onApply = show({ ...NO_FILTERS, dateSentBefore: '2026-12-05' });
    const [first, last] = screen.getAllByPlaceholderText('年/月/日');
    expect((last as HTMLInputElement).value).toBe('2026/12/05');
    fireEvent.change(first!, { target: { value: '2026/02/30' } });
    expect(first!.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('日付として読めません。年、月、日の順に入力してください（例：2026/12/05）。');
    fireEvent.submit(first!.closest('form')!);
    expect(onApply).not.toHaveBeenCalled();
  });

  it('shows a day already typed in the new language’s form at a switch, and leaves what is no day yet as typed', async () => {
    const onApply = show();
    const first = screen.getByLabelText<HTMLInputElement>('Sent from');
    const last = screen.getByLabelText<HTMLInputElement>('Sent until');
    // Typed, not left: no blur has written them back in the form of the language yet.
    fireEvent.change(first, { target: { value: '２０２６年１２月５日' } });
    fireEvent.change(last, { target: { value: '2026-12-' } });
    expect(first.value, 'a day is left as typed while the language stays').toBe('２０２６年１２月５日');
    await act(() => switchLanguage('ja'));
    expect(first.value).toBe('2026/12/05');
    expect(last.value).toBe('2026-12-');
    fireEvent.change(last, { target: { value: '2026/12/31' } });
    await act(() => switchLanguage('en'));
    expect([first.value, last.value]).toEqual(['2026-12-05', '2026-12-31']);
    // What is applied is the day, whatever form it was shown in.
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onApply).toHaveBeenCalledWith(expect.objectContaining({ dateSentAfter: '2026-12-05', dateSentBefore: '2026-12-31' }));
  });
});
