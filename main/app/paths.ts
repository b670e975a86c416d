// Where the app keeps its data when --data-dir is not given: the OS's per-user app data folder, the same one
// Electron's app.getPath('userData') gives for the product name, so both hosts share accounts.
import os from 'node:os';
import path from 'node:path';
import { ArgsError, parseArgv, type ArgOptions, type ArgValue } from '../common/args.js';
import { argsProblemPhrase } from '../common/args-words.js';
import { AppError } from '../common/errors.js';
import { phrase } from '../common/i18n/phrase.js';

export const PRODUCT_NAME = 'Media Desk';

export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}

/** The per-user folder for what can be made again (the browser host's compiled code), beside the OS's others. */
export function defaultCacheDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), PRODUCT_NAME, 'Cache');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', PRODUCT_NAME);
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), PRODUCT_NAME);
}

export interface HostArgs {
  dataDir: string;
  port: number | undefined;
  /** Browser host: the folder downloads go to (only from the command line: the window cannot change it). */
  downloads: string | undefined;
  /** Tolerant mode only: options the host does not know, as written (Electron's and Chromium's own switches). */
  unknown: string[];
}

export interface HostArgsSettings {
  /** false: collect unknown options in `unknown` and ignore positionals (a runtime that adds arguments of its own). */
  strict?: boolean;
  /** Whether this host takes `--downloads DIR` (the browser host; Electron asks with its dialog instead). */
  downloads?: boolean;
}

/**
 * Reads `--data-dir DIR`, `--port N` and, where the host takes it, `--downloads DIR` (also `--x=value`) with the one
 * parser (main/common/args.ts). Strict by default: anything else is an error worth stopping for, an AppError whose
 * phrase the host says in the reader's language.
 */
export function parseHostArgs(argv: readonly string[], settings: HostArgsSettings = {}): HostArgs {
  const strict = settings.strict ?? true;
  const options: ArgOptions = { 'data-dir': { type: 'string' }, port: { type: 'string' } };
  if (settings.downloads) options.downloads = { type: 'string' };
  const names = Object.keys(options).map((name) => `--${name}`).join(', ');
  let parsed;
  try {
    parsed = parseArgv(argv, options, { strict });
  } catch (err) {
    if (!(err instanceof ArgsError)) throw err;
    const said = err.problem === 'unknown-option' ? phrase('errors:launch.unknownOption', { option: err.option, options: names }) : argsProblemPhrase(err);
    throw new AppError('validation', said);
  }
  if (strict && parsed.positionals.length > 0) throw new AppError('validation', phrase('errors:launch.unexpectedArgument', { argument: parsed.positionals[0] ?? '', options: names }));
  const values: Partial<Record<string, ArgValue>> = parsed.values;
  for (const name of Object.keys(options)) if (values[name] === '') throw new AppError('validation', phrase('cli:usage.missingValue', { option: `--${name}` }));
  const dataDir = values['data-dir'];
  const portText = values.port;
  const downloads = values.downloads;
  const port = typeof portText === 'string' ? Number(portText) : undefined;
  if (port !== undefined && (!/^\d+$/.test(String(portText)) || port > 65535)) throw new AppError('validation', phrase('cli:usage.numberRange', { option: '--port', min: 0, max: 65535 }));
  return {
    dataDir: path.resolve(typeof dataDir === 'string' ? dataDir : defaultDataDir()),
    port,
    downloads: typeof downloads === 'string' ? path.resolve(downloads) : undefined,
    unknown: parsed.unknown,
  };
}
