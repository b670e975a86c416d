// The standalone sandbox's command line: --port N (0 or left out: a random free port) and --data-dir DIR
// (default: a folder under the system's temp dir). Both also accept the --flag=value form.
import os from 'node:os';
import path from 'node:path';

export const USAGE = 'Usage: sandbox [--port N] [--data-dir DIR]';

export interface CliOptions {
  port: number;
  dataDir: string;
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let port = 0;
  let dataDir = path.join(os.tmpdir(), 'media-desk-sandbox');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value. ${USAGE}`);
      return v;
    };
    if (flag === '--port') {
      const text = value();
      port = Number(text);
      if (!/^\d+$/.test(text) || port > 65535) throw new Error(`--port must be a number from 0 to 65535. ${USAGE}`);
    } else if (flag === '--data-dir') {
      dataDir = path.resolve(value());
    } else if (flag === '--help' || flag === '-h') {
      throw new Error(USAGE);
    } else {
      throw new Error(`Unknown option ${arg}. ${USAGE}`);
    }
  }
  return { port, dataDir };
}

