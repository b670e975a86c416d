// User settings: small, validated, written atomically; defaults fill what a file does not say.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { settingsSchema, type Settings } from '../common/contract.js';
import { DEFAULT_TWILIO_FILE_NAME_PATTERN } from '../common/file-name-pattern.js';
import { DEFAULT_PROXY_SETTING } from '../common/proxy.js';
import type { Phrase } from '../common/i18n/phrase.js';
import { asideName, inspectJsonFile, readJsonFile, writeJsonAtomic } from './storage/atomic.js';

export const SETTINGS_FILE = 'settings.json';

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  language: 'system',
  concurrency: 3,
  sandboxEnabled: true,
  persistSecretsWithoutKeyring: false,
  welcomeSeen: false,
  lastPlace: null,
  accountPlaces: {},
  downloadFolders: {},
  twilioFileNamePattern: DEFAULT_TWILIO_FILE_NAME_PATTERN,
  proxy: DEFAULT_PROXY_SETTING,
};

// Any JSON object is a readable settings file; each key then falls back to its default on its own, so one bad
// value (from an older or newer version, or a hand edit) does not cost the others.
const storedSettingsSchema = z.record(z.string(), z.unknown());

/** A setting whose stored value could not be used, so its default is in use. */
export interface ResetSetting {
  key: keyof Settings;
  /** The stored value, shortened, for the message. */
  value: string;
  default: Settings[keyof Settings];
}

export type SettingsLoadResult =
  | { status: 'ok'; reset: ResetSetting[]; keptAs?: string }
  | { status: 'missing' }
  | { status: 'corrupt'; movedTo: string; reason: Phrase };

function mergeValid(stored: Record<string, unknown>): { merged: Settings; reset: ResetSetting[] } {
  const merged: Settings = { ...DEFAULT_SETTINGS };
  const reset: ResetSetting[] = [];
  for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
    if (stored[key] === undefined) continue;
    const parsed = settingsSchema.shape[key].safeParse(stored[key]);
    if (parsed.success) (merged as Record<keyof Settings, unknown>)[key] = parsed.data;
    else reset.push({ key, value: shorten(JSON.stringify(stored[key]) ?? typeof stored[key]), default: DEFAULT_SETTINGS[key] });
  }
  return { merged, reset };
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * The settings as a reader sees them (the CLI), changing nothing: a missing file is the defaults, a bad value its
 * default, and an unreadable file the defaults with the reason (setting it aside is the app's to do, and say).
 */
export async function inspectSettings(dataDir: string): Promise<{ settings: Settings; unreadable?: Phrase }> {
  const read = await inspectJsonFile(path.join(dataDir, SETTINGS_FILE), storedSettingsSchema);
  if (read.status === 'missing') return { settings: { ...DEFAULT_SETTINGS } };
  if (read.status === 'unreadable') return { settings: { ...DEFAULT_SETTINGS }, unreadable: read.reason };
  return { settings: mergeValid(read.value).merged };
}

export class SettingsStore {
  private current: Settings = { ...DEFAULT_SETTINGS };
  private readonly file: string;
  private readonly listeners = new Set<(settings: Settings) => void>();
  /** Serialises writes, so each update applies on top of the one before. */
  private writing: Promise<void> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = path.join(dataDir, SETTINGS_FILE);
  }

  async load(): Promise<SettingsLoadResult> {
    const read = await readJsonFile(this.file, storedSettingsSchema);
    if (read.status !== 'ok') return read;
    const { merged, reset } = mergeValid(read.value);
    this.current = merged;
    if (reset.length === 0) return { status: 'ok', reset };
    // The file as it was is kept; the one in place gets the defaults, so the user is told once.
    const keptAs = asideName(this.file);
    await fs.copyFile(this.file, keptAs);
    await writeJsonAtomic(this.file, merged).catch(() => undefined);
    return { status: 'ok', reset, keptAs };
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
