// Files on their way to main before anything can use them (the browser host copies each one into its data folder,
// which takes tens of seconds for a large video): each is work in progress with its bytes and a Cancel, and a
// cancelled one leaves nothing on the host (renderer/src/bridge/http-bridge.ts, main/webhost/server.ts).
import { create } from 'zustand';
import type { FileRef } from '../../../main/common/contract';
import { bridge, call } from '../bridge';

export interface Staging {
  key: string;
  /** Where it is shown: the view that started it (an account's upload view, its library). */
  group: string;
  name: string;
  size: number;
  /** Bytes main has received so far. */
  received: number;
  /** performance.now() when it began: speed and time left are measured from there. */
  startedAt: number;
}

interface StagingsState {
  stagings: readonly Staging[];
}

export const useStagings = create<StagingsState>(() => ({ stagings: [] }));
const controllers = new Map<string, AbortController>();

const update = (key: string, change: (s: Staging) => Staging | null): void =>
  useStagings.setState((state) => ({ stagings: state.stagings.flatMap((s) => (s.key === key ? (change(s) ?? []) : [s])) }));

/**
 * Hands `file` to main, shown under `group` (and `key`, to cancel it) while it goes. Rejects with an AbortError
 * when cancelled (see wasCancelled).
 */
export async function stageFile(file: File, group: string, key: string): Promise<FileRef> {
  const controller = new AbortController();
  controllers.get(key)?.abort();
  controllers.set(key, controller);
  const staging: Staging = { key, group, name: file.name, size: file.size, received: 0, startedAt: performance.now() };
  useStagings.setState((state) => ({ stagings: [...state.stagings.filter((s) => s.key !== key), staging] }));
  try {
    return await bridge.fileRef(file, { signal: controller.signal, onProgress: (received) => update(key, (s) => ({ ...s, received })) });
  } finally {
    if (controllers.get(key) === controller) {
      controllers.delete(key);
      update(key, () => null);
    }
  }
}

export function cancelStaging(key: string): void {
  controllers.get(key)?.abort();
}

/** Cancels every staging of a group (the view that showed them is going). */
export function cancelStagings(group: string): void {
  for (const s of useStagings.getState().stagings) if (s.group === group) cancelStaging(s.key);
}

/** Copies on the host nobody will use (a file removed from a list, a transfer given up): gone now, not at restart. */
export function releaseFiles(files: readonly FileRef[]): void {
  const staged = files.filter((ref) => ref.kind === 'staged');
  // Best effort: one the host could not remove still goes when it restarts.
  if (staged.length > 0) void call('files.release', { files: staged }).catch(() => undefined);
}

export function wasCancelled(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/** Bytes a second and seconds left, measured since the staging began; null until there is something to measure. */
export function stagingPace(staging: Staging, now: number): { speed: number; left: number } | null {
  const seconds = (now - staging.startedAt) / 1000;
  if (staging.received <= 0 || seconds <= 0) return null;
  const speed = staging.received / seconds;
  return { speed, left: Math.max(0, staging.size - staging.received) / speed };
}
