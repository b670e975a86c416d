// The app's one conflict question: asked one name at a time, safe by default (nothing ticked, Skip focused), one
// answer for the rest only when asked, and Cancel all or Escape drop the whole transfer.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConflictDialog, type ConflictDecision } from '../../../renderer/src/components/ConflictDialog';
import { expectTheConflictQuestion, pressEscapeIn } from './conflict-question';

afterEach(cleanup);

const LONG = `${'a-very-long-file-name-from-a-phone-camera-'.repeat(4)}IMG_20261205_150300.jpg`;

function ask(names: string[]) {
  const onDone = vi.fn<(decisions: Map<string, ConflictDecision>) => void>();
  const onCancel = vi.fn();
  render(<ConflictDialog names={names} where={'folder "photos"'} onDone={onDone} onCancel={onCancel} />);
  return { dialog: screen.getByRole('dialog', { name: `${names.length} names are already taken` }), onDone, onCancel };
}

describe('the conflict question', () => {
  it('opens safe: nothing applies to the rest, Skip has the focus, the long name is shown whole', () => {
    const { dialog, onDone } = ask([LONG, 'b.jpg', 'c.jpg']);
    expectTheConflictQuestion(dialog, { name: LONG, others: 2 });
    // The focused button (what Enter would press) skips this one name and asks about the next.
    fireEvent.click(document.activeElement as HTMLElement);
    expect(onDone).not.toHaveBeenCalled();
    expect(dialog.textContent).toContain('b.jpg already exists in folder "photos". (2 of 3)');
    expect(document.activeElement?.textContent).toBe('Skip');
  });

  it('asks each name in turn, and settles the rest with one answer only when ticked', () => {
    const { onDone } = ask(['a.jpg', 'b.jpg', 'c.jpg']);
    fireEvent.click(screen.getByRole('button', { name: 'Replace' }));
    expect(onDone).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('checkbox'));
    fireEvent.click(screen.getByRole('button', { name: 'Keep both' }));
    expect(onDone).toHaveBeenCalledOnce();
    expect([...(onDone.mock.calls[0]?.[0] ?? [])]).toEqual([['a.jpg', 'replace'], ['b.jpg', 'keepBoth'], ['c.jpg', 'keepBoth']]);
  });

  it('drops the whole transfer on Escape or Cancel all, even after some names were answered', () => {
    const first = ask(['a.jpg', 'b.jpg']);
    fireEvent.click(screen.getByRole('button', { name: 'Keep both' }));
    pressEscapeIn(first.dialog);
    expect(first.onCancel).toHaveBeenCalledOnce();
    expect(first.onDone).not.toHaveBeenCalled();
    cleanup();
    const second = ask(['a.jpg', 'b.jpg']);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel all' }));
    expect(second.onCancel).toHaveBeenCalledOnce();
    expect(second.onDone).not.toHaveBeenCalled();
  });
});
