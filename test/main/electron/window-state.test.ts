import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, fitToDisplays, loadWindowState, saveWindowState } from '../../../main/electron/window-state';

const screen = { x: 0, y: 0, width: 1920, height: 1080 };

describe('the remembered window state', () => {
  it('comes back as saved', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-win-'));
    const state = { bounds: { x: 100, y: 80, width: 1000, height: 700 }, maximized: true };
    await saveWindowState(dir, state);
    expect(await loadWindowState(dir)).toEqual(state);
    await fs.rm(dir, { recursive: true });
  });

  it('is ignored when the file is damaged', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-win-'));
    await fs.writeFile(path.join(dir, 'window-state.json'), '{"bounds":');
    expect(await loadWindowState(dir)).toBeNull();
    await fs.rm(dir, { recursive: true });
  });

  it('keeps a position that is on a screen', () => {
    const state = { bounds: { x: 200, y: 100, width: 900, height: 600 }, maximized: false };
    expect(fitToDisplays(state, [screen])).toEqual(state);
  });

  it('moves a window back when its screen is gone, keeping its size', () => {
    const state = { bounds: { x: 2500, y: 100, width: 900, height: 600 }, maximized: false };
    expect(fitToDisplays(state, [screen]).bounds).toEqual({ ...DEFAULT_WINDOW_STATE.bounds, width: 900, height: 600 });
  });
});
