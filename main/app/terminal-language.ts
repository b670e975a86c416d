// The language of a host's lines on its terminal (the browser host's, the desktop app's launch warnings): the app's
// saved choice when the data folder's settings can be read, else the locale's as the CLI reads it (LC_ALL /
// LC_MESSAGES / LANG; the CLI itself never reads the saved language, it takes --lang).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { terminalLanguage, type Language } from '../common/i18n/languages.js';
import { inspectSettings, SETTINGS_FILE } from '../core/settings-store.js';

/** Far more than any settings file the app writes: a larger one is not read for the sake of a terminal line. */
const MAX_SETTINGS_BYTES = 1024 * 1024;

/** The terminal's language: the saved choice in `dataDir`'s settings (never written here), else the locale. */
export async function hostLanguage(dataDir: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<Language> {
  return terminalLanguage(env, await savedLanguage(dataDir));
}

/**
 * The saved choice, from a settings file that is a plain file of a settings file's size: this is read before the host
 * holds the folder, and even for a line it refuses, so a FIFO or a device there (never ending, or never answering)
 * must not keep the person from reading why the host stopped.
 */
async function savedLanguage(dataDir: string): Promise<string | undefined> {
  const found = await fs.stat(path.join(dataDir, SETTINGS_FILE)).catch(() => undefined);
  if (!found?.isFile() || found.size > MAX_SETTINGS_BYTES) return undefined;
  return inspectSettings(dataDir).then(
    (read) => read.settings.language,
    () => undefined,
  );
}
