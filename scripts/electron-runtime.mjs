// Electron's runtime binary for `npm start`. Electron 45's npm package has no install script: `node_modules/electron/dist`
// stays empty until something runs its `install.js`. This module runs that same script (its checksums, ELECTRON_MIRROR,
// electron_config_cache and the rest of @electron/get's variables all pass through untouched), shows how far the
// download got, and when it fails says why in words a user can act on.
//
// Never `require('electron')` here: its index.js downloads synchronously on the spot, with no way to report progress.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** How to try again, printed with every failure. */
export const RETRY_HINT = [
  'To try again: rm -rf node_modules/electron/dist && npm start',
  'Behind a firewall or proxy, point ELECTRON_MIRROR at a mirror of https://github.com/electron/electron/releases/download/',
  '(e.g. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/), or set HTTPS_PROXY.',
].join('\n');

/** The installed executable under `electronDir`, or undefined when the runtime is not there (or only half there). */
export function electronBinary(electronDir) {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** install.js (Electron 45) ignores ELECTRON_SKIP_BINARY_DOWNLOAD; the variable still means "do not download", so it is honoured here. */
export function skipRequested(env) {
  const value = env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** Bytes written so far to the archive @electron/get is downloading into `tempRoot` (its `electron-download-*` folders). */
export function bytesDownloaded(tempRoot) {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(tempRoot);
  } catch {
    return 0;
  }
  for (const folder of entries) {
    if (!folder.startsWith('electron-download-')) continue;
    try {
      for (const name of readdirSync(path.join(tempRoot, folder))) {
        if (name.endsWith('.zip')) total += statSync(path.join(tempRoot, folder, name)).size;
      }
    } catch {
      // The folder was removed between the two reads: the download finished or failed.
    }
  }
  return total;
}

export function formatBytes(bytes) {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** undici's terse messages, said so a user knows what happened. */
const PLAIN_WORDS = new Map([
  ['TypeError: fetch failed', 'fetch failed: the server could not be reached'],
  ['TypeError: terminated', 'terminated: the connection closed before the download ended'],
]);

/** The one line of install.js's error output that says what went wrong (it prints a whole stack). */
export function reasonFromOutput(output) {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
  const message = lines.find((line) => !line.startsWith('at ') && !line.startsWith('node:') && !/^\^+$/.test(line));
  const cause = lines.find((line) => /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|UND_ERR_\w+|CERT_\w+)\b/.test(line));
  if (!message) return 'install.js failed without saying why';
  if (PLAIN_WORDS.has(message)) return PLAIN_WORDS.get(message);
  if (!cause || message.includes(cause)) return message;
  return `${message} (${cause.replace(/^\[cause\]:\s*/, '').replace(/^\w*Error:\s*/, '').replace(/[{,]$/, '')})`;
}

/**
 * Makes sure Electron's runtime is installed in `electronDir` (a copy of the `electron` npm package), downloading it
 * with the package's own install.js when it is missing.
 *
 * A download that receives nothing for `stallMs` is stopped (install.js itself would wait forever on a mirror that
 * accepts the connection and never answers).
 *
 * @param {{ electronDir: string, env?: NodeJS.ProcessEnv, report?: (line: string, final: boolean) => void, tickMs?: number, stallMs?: number }} options
 * @returns {Promise<{ ok: true, binary: string, downloaded: boolean } | { ok: false, reason: string }>}
 */
export async function ensureElectronRuntime({ electronDir, env = process.env, report = () => {}, tickMs = 500, stallMs = 60_000 }) {
  const installed = electronBinary(electronDir);
  if (installed) return { ok: true, binary: installed, downloaded: false };
  if (skipRequested(env)) {
    return { ok: false, reason: `ELECTRON_SKIP_BINARY_DOWNLOAD is set (to "${env.ELECTRON_SKIP_BINARY_DOWNLOAD}"), so Electron's runtime was not downloaded` };
  }
  const version = JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
  // A private temp folder for install.js (@electron/get downloads into os.tmpdir()), so the archive growing there is
  // this download's and no other's.
  const tempRoot = mkdtempSync(path.join(os.tmpdir(), 'md-electron-get-'));
  const started = Date.now();
  const frames = ['|', '/', '-', '\\'];
  let tick = 0;
  const progress = () => {
    const seconds = Math.round((Date.now() - started) / 1000);
    const bytes = bytesDownloaded(tempRoot);
    return `Downloading Electron ${version}: ${bytes > 0 ? formatBytes(bytes) : 'connecting'} (${seconds} s)`;
  };
  report(`Electron's runtime is not installed yet: downloading it once (about 100 MB) with node_modules/electron/install.js.`, true);
  let child;
  let stalled = false;
  let lastBytes = -1;
  let lastChange = Date.now();
  const timer = setInterval(() => {
    const bytes = bytesDownloaded(tempRoot);
    if (bytes !== lastBytes) {
      lastBytes = bytes;
      lastChange = Date.now();
    } else if (Date.now() - lastChange >= stallMs && child && !stalled) {
      stalled = true;
      child.kill();
    }
    report(`${frames[tick++ % frames.length]} ${progress()}`, false);
  }, tickMs);
  try {
    const { code, output } = await new Promise((resolve) => {
      child = spawn(process.execPath, [path.join(electronDir, 'install.js')], {
        cwd: electronDir,
        env: { ...env, TMPDIR: tempRoot, TMP: tempRoot, TEMP: tempRoot },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      child.stdout.on('data', (chunk) => (text += chunk));
      child.stderr.on('data', (chunk) => (text += chunk));
      child.on('error', (error) => resolve({ code: -1, output: String(error) }));
      child.on('close', (exitCode) => resolve({ code: exitCode, output: text }));
    });
    clearInterval(timer);
    const binary = electronBinary(electronDir);
    if (code === 0 && binary) {
      report(`Downloaded Electron ${version} in ${Math.round((Date.now() - started) / 1000)} s.`, true);
      return { ok: true, binary, downloaded: true };
    }
    const stallText = `nothing arrived for ${Math.round(stallMs / 1000)} s, so it was stopped`;
    const source = env.ELECTRON_MIRROR || env.npm_config_electron_mirror || 'https://github.com/electron/electron/releases/download/';
    return { ok: false, reason: code === 0 ? 'install.js ended without installing the runtime' : `the download from ${source} failed: ${stalled ? stallText : reasonFromOutput(output)}` };
  } finally {
    clearInterval(timer);
    rmSync(tempRoot, { recursive: true, force: true });
  }
}

/** What `npm start` prints when it falls back to the browser host. */
export function fallbackMessage(reason) {
  return `Electron's runtime is not installed: ${reason}.\nStarting the browser host instead.\n${RETRY_HINT}`;
}
