// The one key map of the app's grids: Delete deletes (each grid asks first), Enter opens, Backspace goes up and
// never deletes, with or without a modifier.
import { describe, expect, it } from 'vitest';
import { gridCommand, gridKeysHint } from '../../../renderer/src/hooks/grid-keys';

const press = (key: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) =>
  gridCommand({ key, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods });

describe('the grids’ key map', () => {
  it('deletes only on Delete', () => {
    expect(press('Delete')).toBe('delete');
    for (const mods of [{}, { metaKey: true }, { ctrlKey: true }, { shiftKey: true }, { altKey: true }]) expect(press('Backspace', mods)).not.toBe('delete');
  });

  it('opens on Enter, goes up on Backspace or Alt+Up, toggles the details on Ctrl/Cmd+I', () => {
    expect(press('Enter')).toBe('open');
    expect(press('Backspace')).toBe('up');
    expect(press('ArrowUp', { altKey: true })).toBe('up');
    expect(press('ArrowUp')).toBeNull();
    expect(press('i', { metaKey: true })).toBe('details');
    expect(press('i')).toBeNull();
  });

  it('says the same keys under every grid', () => {
    expect(gridKeysHint()).toBe('Keys: arrows move, Enter opens, Delete deletes (after asking)');
    expect(gridKeysHint({ up: true })).toBe('Keys: arrows move, Enter opens, Backspace goes up, Delete deletes (after asking)');
  });
});
