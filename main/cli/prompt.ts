// Asking for a secret at the terminal without echoing it: the terminal is put in raw mode, so each key arrives
// as typed and nothing is shown. Ctrl-C arrives as a byte in raw mode, not as a signal, and is handled here.
import { AppError } from '../common/errors.js';
import { phrase } from '../common/i18n/phrase.js';

export interface PromptInput {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
  setEncoding(encoding: BufferEncoding): unknown;
  on(event: 'data', listener: (chunk: string) => void): unknown;
  removeListener(event: 'data', listener: (chunk: string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

const ENTER = new Set(['\r', '\n']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = new Set(['\u007f', '\b']);
const ESC = '\u001b';

export function promptHidden(input: PromptInput, output: NodeJS.WritableStream, question: string): Promise<string> {
  if (!input.isTTY || !input.setRawMode) return Promise.reject(new AppError('config', phrase('cli:secret.needsTerminal')));
  const setRawMode = input.setRawMode.bind(input);
  // Raw mode before the question: keys typed as soon as it shows must neither echo nor turn into a signal.
  setRawMode(true);
  output.write(question);
  input.setEncoding('utf8');
  input.resume();
  return new Promise<string>((resolve, reject) => {
    let value = '';
    // Arrow keys and the like send ESC [ … letter: skipped whole, so they do not end up in the secret.
    let inEscape = false;
    const finish = (): void => {
      input.removeListener('data', onData);
      setRawMode(false);
      input.pause();
      output.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (inEscape) {
          if (/[A-Za-z~]/.test(ch)) inEscape = false;
          continue;
        }
        if (ENTER.has(ch) || (ch === CTRL_D && value !== '')) {
          finish();
          resolve(value);
          return;
        }
        if (ch === CTRL_C || ch === CTRL_D) {
          finish();
          reject(new AppError('cancelled', phrase('cli:cancelled')));
          return;
        }
        if (ch === ESC) inEscape = true;
        else if (BACKSPACE.has(ch)) value = Array.from(value).slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    input.on('data', onData);
  });
}
