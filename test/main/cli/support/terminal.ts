// Runs the CLI inside a pseudo-terminal (util-linux `script`), so that stdin and stderr are terminals: the only
// way to see the no-echo prompt and the progress line as a user would.
import { spawn, spawnSync } from 'node:child_process';
import { LOCALE_VARIABLES, REPO } from './cli-process.js';

export const hasScript = process.platform === 'linux' && spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

const quote = (arg: string): string => `'${arg.replace(/'/g, `'\\''`)}'`;

export interface TerminalRun {
  code: number | null;
  /** Everything the terminal showed (stdout and stderr together, with the terminal's own echo). */
  screen: string;
}

/**
 * Starts `node bundle args` in a terminal; when `answer` is given it is typed (then Enter) once `prompt`
 * appears, so that it arrives after the CLI has turned echo off, as with a person typing.
 */
export function runInTerminal(bundle: string, args: readonly string[], env: Record<string, string>, answer?: { prompt: string; text: string }): Promise<TerminalRun> {
  const command = [process.execPath, bundle, ...args].map(quote).join(' ');
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.MEDIA_DESK_SECRET;
  for (const name of LOCALE_VARIABLES) if (!(name in env)) delete childEnv[name];
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: REPO, env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let typed = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    screen += chunk;
    if (answer && !typed && screen.includes(answer.prompt)) {
      typed = true;
      child.stdin.write(`${answer.text}\r`);
    }
  });
  child.stderr.resume();
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, screen })));
}
