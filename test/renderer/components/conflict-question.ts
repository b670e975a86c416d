// What every conflict question in the app looks like when it opens (the library's uploads and downloads, the Twilio
// downloads): the same choices in the same words and order, "apply to all" unticked, the focus on Skip, and the
// taken name shown whole.
import { fireEvent, within } from '@testing-library/react';
import { expect } from 'vitest';

export function expectTheConflictQuestion(dialog: HTMLElement, { name, others }: { name: string; others: number }) {
  // Its own buttons: the notice area is shown inside an open dialog too.
  const buttons = within(dialog).getAllByRole('button').filter((b) => !b.closest('.notice-region')).map((b) => b.textContent);
  expect(buttons).toEqual(['Cancel all', 'Skip', 'Keep both', 'Replace']);
  expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Skip' }));
  // The whole name, never cut with an ellipsis.
  expect(within(dialog).getByText(name).textContent).toBe(name);
  if (others > 0) {
    const applyToAll = within(dialog).getByRole('checkbox', { name: `Do the same for the ${others === 1 ? 'other name' : `${others} other names`} already taken` });
    expect(applyToAll).toHaveProperty('checked', false);
  } else {
    expect(within(dialog).queryByRole('checkbox')).toBeNull();
  }
}

/** Escape on a modal <dialog> is its cancel event (happy-dom does not turn the key into it). */
export function pressEscapeIn(dialog: HTMLElement) {
  fireEvent(dialog, new Event('cancel', { cancelable: true }));
}
