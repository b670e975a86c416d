// Where the app keeps its data when --data-dir is not given: the OS's per-user app data folder, the same one
// Electron's app.getPath('userData') gives for the product name, so both hosts share accounts.
import os from 'node:os';
import path from 'node:path';

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
  /** Browser host: the folder downloads go to (only from the command line: the window cannot change it). */
  downloads: string | undefined;
}

/** Reads `--data-dir DIR` and `--port N` (also `--x=value`); anything else is an error worth stopping for. */
export function parseHostArgs(argv: string[], allowed: string[] = ['--data-dir', '--port']): HostArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!allowed.includes(flag)) throw new Error(`Unknown option ${flag}. Options: ${allowed.join(', ')}.`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new Error(`${flag} needs a value.`);
    values.set(flag, value);
  }
  const portText = values.get('--port');
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new Error(`--port must be a number from 0 to 65535.`);
  const downloads = values.get('--downloads');
  return { dataDir: path.resolve(values.get('--data-dir') ?? defaultDataDir()), port, downloads: downloads === undefined ? undefined : path.resolve(downloads) };
}
