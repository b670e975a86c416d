// User settings: small, validated, written atomically; defaults fill what a file does not say.
import path from 'node:path';
import { z } from 'zod';
import { settingsSchema, type Settings } from '../common/contract.js';
import { readJsonFile, writeJsonAtomic } from './storage/atomic.js';

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  concurrency: 3,
  sandboxEnabled: true,
  persistSecretsWithoutKeyring: false,
};

// Any JSON object is a readable settings file; each key then falls back to its default on its own, so one bad
// value (from an older or newer version, or a hand edit) does not cost the others.
const storedSettingsSchema = z.record(z.string(), z.unknown());

function mergeValid(stored: Record<string, unknown>): Settings {
  const merged: Settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
    const parsed = settingsSchema.shape[key].safeParse(stored[key]);
    if (parsed.success) (merged as Record<keyof Settings, unknown>)[key] = parsed.data;
  }
  return merged;
}

export class SettingsStore {
  private current: Settings = { ...DEFAULT_SETTINGS };
  private readonly file: string;
  private readonly listeners = new Set<(settings: Settings) => void>();
  /** Serialises writes, so each update applies on top of the one before. */
  private writing: Promise<void> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'settings.json');
  }

  async load() {
    const read = await readJsonFile(this.file, storedSettingsSchema);
    if (read.status === 'ok') this.current = mergeValid(read.value);
    return read.status === 'corrupt' ? read : { status: read.status };
  }

  get(): Settings {
    return { ...this.current };
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies the patch once it is on disk: a failed write (a full disk) leaves the settings as the file has them. */
  async update(patch: Partial<Settings>): Promise<Settings> {
    const run = this.writing.catch(() => undefined).then(async () => {
      const next = settingsSchema.parse({ ...this.current, ...patch });
      await writeJsonAtomic(this.file, next);
      this.current = next;
    });
    this.writing = run;
    await run;
    for (const listener of this.listeners) listener(this.get());
    return this.get();
  }
}
