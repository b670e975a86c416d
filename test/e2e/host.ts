// Starts the real browser host (the built bundle) as a child process on a data dir, as a user would.
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningHost {
  url: string;
  origin: string;
  dataDir: string;
  /** The host's Downloads folder (--downloads): never the real ~/Downloads in tests. */
  downloads: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');

export async function makeDataDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'md-e2e-'));
}

export async function startHost(dataDir: string, extraArgs: string[] = []): Promise<RunningHost> {
  const downloads = path.join(dataDir, 'Downloads');
  const args = extraArgs.includes('--downloads') ? extraArgs : ['--downloads', downloads, ...extraArgs];
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/main/webhost.cjs'), '--data-dir', dataDir, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The host's code cache goes to a folder of the test run's, not the user's ~/.cache.
    env: { ...process.env, MEDIA_DESK_CACHE_DIR: path.join(os.tmpdir(), 'md-e2e-code-cache') },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The browser host did not start:\n${output}`)), 20_000);
    const check = () => {
      const match = /Browser host ready: (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The browser host exited (${code}):\n${output}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    downloads,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Every file under a folder, as text, to look for what must not be there. */
export async function readAllFiles(dir: string): Promise<Array<{ file: string; text: string }>> {
  const names = await fs.readdir(dir, { recursive: true });
  const out: Array<{ file: string; text: string }> = [];
  for (const name of names) {
    const full = path.join(dir, String(name));
    if ((await fs.stat(full)).isFile()) out.push({ file: String(name), text: await fs.readFile(full, 'latin1') });
  }
  return out;
}

export const ARTIFACTS = path.join(ROOT, 'test-results', 'screens');
