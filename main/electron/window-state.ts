// The window comes back where the user left it, unless that place is no longer on any screen.
import path from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonAtomic } from '../core/storage/atomic.js';

const boundsSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(200), height: z.number().int().min(200) });
const windowStateSchema = z.object({ bounds: boundsSchema, maximized: z.boolean() });
export type WindowState = z.infer<typeof windowStateSchema>;
export type Rect = z.infer<typeof boundsSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { bounds: { x: 0, y: 0, width: 1280, height: 800 }, maximized: false };

/** Keeps saved bounds only if at least a corner's worth of the window is visible on some display. */
export function fitToDisplays(state: WindowState, workAreas: Rect[]): WindowState {
  const { bounds } = state;
  const visible = workAreas.some(
    (area) =>
      bounds.x + 100 > area.x && bounds.y + 50 > area.y && bounds.x < area.x + area.width - 100 && bounds.y < area.y + area.height - 50,
  );
  return visible ? state : { ...state, bounds: { ...DEFAULT_WINDOW_STATE.bounds, width: bounds.width, height: bounds.height } };
}

export async function loadWindowState(dataDir: string): Promise<WindowState | null> {
  const read = await readJsonFile(path.join(dataDir, 'window-state.json'), windowStateSchema);
  return read.status === 'ok' ? read.value : null;
}

export async function saveWindowState(dataDir: string, state: WindowState): Promise<void> {
  await writeJsonAtomic(path.join(dataDir, 'window-state.json'), state);
}
