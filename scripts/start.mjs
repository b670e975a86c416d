// `npm start`: the desktop app; where Electron's runtime binary is missing, says so in one line and starts the
// browser host instead. Arguments after `--` (--data-dir, --port) go to whichever host starts.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/**
 * The installed Electron executable, or undefined. Not `require('electron')`: since Electron 45 that tries to
 * download a missing binary on the spot, which hangs on machines without network.
 */
function electronBinary() {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

const binary = electronBinary();
if (binary) {
  run(binary, ['.', ...args]);
} else {
  console.log("Electron's runtime is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD or no network): starting the browser host instead.");
  run(process.execPath, [path.join(root, 'dist/main/webhost.cjs'), ...args]);
}
