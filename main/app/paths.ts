// Where the app keeps its data when --data-dir is not given: the OS's per-user app data folder, the same one
// Electron's app.getPath('userData') gives for the product name, so both hosts share accounts.
import os from 'node:os';
import path from 'node:path';
import { ArgsError, parseArgv } from '../common/args.js';

export const PRODUCT_NAME = 'Media Desk';

export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}

export interface HostArgs {
  dataDir: string;
  port: number | undefined;
  /** Tolerant mode only: options the host does not know, as written (Electron's and Chromium's own switches). */
  unknown: string[];
}

const HOST_OPTIONS = { 'data-dir': { type: 'string' }, port: { type: 'string' } } as const;

/**
 * Reads `--data-dir DIR` and `--port N` (also `--x=value`) with the one parser (main/common/args.ts). Strict by
 * default: anything else is an error worth stopping for. `strict: false` collects unknown options in `unknown`
 * and ignores positionals, for a host whose runtime adds arguments of its own.
 */
export function parseHostArgs(argv: readonly string[], settings: { strict?: boolean } = {}): HostArgs {
  const strict = settings.strict ?? true;
  let parsed;
  try {
    parsed = parseArgv(argv, HOST_OPTIONS, { strict });
  } catch (err) {
    if (err instanceof ArgsError && err.problem === 'unknown-option') throw new Error(`Unknown option ${err.option}. Options: --data-dir, --port.`);
    throw err;
  }
  if (strict && parsed.positionals.length > 0) throw new Error(`Unexpected argument "${parsed.positionals[0]}". Options: --data-dir, --port.`);
  const dataDir = parsed.values['data-dir'];
  const portText = parsed.values.port;
  if (dataDir === '') throw new Error('--data-dir needs a value.');
  if (portText === '') throw new Error('--port needs a value.');
  const port = typeof portText === 'string' ? Number(portText) : undefined;
  if (port !== undefined && (!/^\d+$/.test(String(portText)) || port > 65535)) throw new Error(`--port must be a number from 0 to 65535.`);
  return { dataDir: path.resolve(typeof dataDir === 'string' ? dataDir : defaultDataDir()), port, unknown: parsed.unknown };
}
