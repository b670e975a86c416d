// `npm start`: the desktop app. When Electron's runtime is missing (Electron 45's npm package downloads it only on
// demand), it is downloaded first with the package's own install.js; only when that fails does the browser host start
// instead, with the reason and how to retry. Arguments after `--` (--data-dir, --port) go to whichever host starts.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronRuntime, fallbackMessage } from './electron-runtime.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

const interactive = Boolean(process.stdout.isTTY);
let lastPlain = 0;
/** On a terminal the progress line rewrites itself; in a log, one line every 5 s. */
function report(line, final) {
  if (interactive) {
    process.stdout.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
  } else if (final || Date.now() - lastPlain >= 5000) {
    lastPlain = Date.now();
    console.log(line);
  }
}

const runtime = await ensureElectronRuntime({ electronDir: path.join(root, 'node_modules', 'electron'), report });
if (runtime.ok) {
  run(runtime.binary, ['.', ...args]);
} else {
  if (interactive) process.stdout.write('\r\x1b[2K');
  console.log(fallbackMessage(runtime.reason));
  run(process.execPath, [path.join(root, 'dist/main/webhost.cjs'), ...args]);
}
