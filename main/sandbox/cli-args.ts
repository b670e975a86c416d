// The standalone sandbox's command line: --port N (0 or left out: a random free port) and --data-dir DIR
// (default: a folder under the system's temp dir). Both also accept the --flag=value form. Read with the project's
// one parser (main/common/args.ts).
import os from 'node:os';
import path from 'node:path';
import { ArgsError, parseArgv } from '../common/args.js';

export const USAGE = 'Usage: sandbox [--port N] [--data-dir DIR]';

export interface CliOptions {
  port: number;
  dataDir: string;
}

const OPTIONS = { port: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgv(argv, OPTIONS);
  } catch (err) {
    throw new Error(`${err instanceof ArgsError ? err.message : String(err)} ${USAGE}`, { cause: err });
  }
  const { values, positionals } = parsed;
  if (values.help === true) throw new Error(USAGE);
  if (positionals.length > 0) throw new Error(`Unexpected argument "${positionals[0]}". ${USAGE}`);
  let port = 0;
  if (typeof values.port === 'string') {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) throw new Error(`--port must be a number from 0 to 65535. ${USAGE}`);
  }
  if (values['data-dir'] === '') throw new Error(`--data-dir needs a value. ${USAGE}`);
  const dataDir = typeof values['data-dir'] === 'string' ? path.resolve(values['data-dir']) : path.join(os.tmpdir(), 'media-desk-sandbox');
  return { port, dataDir };
}
