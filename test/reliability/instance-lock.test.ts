// One app per data folder. The real browser host (main/webhost/cli.ts, bundled as `npm run start:web` bundles it)
// runs in child processes on one data folder: a second host refuses, names the first's process and address, and
// changes nothing in the folder (every file's bytes and mtime, every folder's entries compared before and after);
// the lock goes when the host stops on a signal; a host killed with SIGKILL leaves a lock the next start takes over.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTANCE_FILE, LOCK_NAME, DataFolderInUseError } from '../../main/core/storage/instance-lock.js';
import { bootTestApp } from '../helpers/app-harness.js';
import { CaseReport, Checks } from './support/report.js';

const report = new CaseReport('instance-lock', 'one instance per data folder');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let work: string;
let hostScript: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'md-rel-lock-'));
  hostScript = path.join(work, 'webhost.cjs');
  await build({
    entryPoints: [path.join(ROOT, 'main/webhost/cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: hostScript,
    logLevel: 'silent',
    define: { __APP_VERSION__: JSON.stringify('0.0.0-lock-test') },
  });
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await report.write();
  await fs.rm(work, { recursive: true, force: true });
});

interface Host {
  child: ChildProcess;
  /** The line it printed when ready, or null if it exited first. */
  ready: Promise<string | null>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function startHost(dataDir: string): Host {
  const child = spawn(process.execPath, [hostScript, '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<string | null>((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('Browser host ready: '));
      if (line) resolve(line);
    });
    child.once('exit', () => resolve(null));
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return { child, ready, exited };
}

/** Every entry under dir: files by mtime and content hash, folders by mtime and names. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (current: string): Promise<void> => {
    const stat = await fs.stat(current);
    const rel = path.relative(dir, current) || '.';
    if (stat.isDirectory()) {
      const names = (await fs.readdir(current)).sort();
      out[rel] = `dir ${stat.mtimeMs} [${names.join(',')}]`;
      for (const name of names) await walk(path.join(current, name));
    } else {
      out[rel] = `file ${stat.mtimeMs} ${stat.mode} ${createHash('sha256').update(await fs.readFile(current)).digest('hex')}`;
    }
  };
  await walk(dir);
  return out;
}

function changes(before: Record<string, string>, after: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => before[k] !== after[k]).map((k) => `${k}: ${before[k] ?? '(none)'} → ${after[k] ?? '(none)'}`);
}

const exists = (file: string) => fs.stat(file).then(() => true, () => false);

describe('a second host on the same data folder', () => {
  it('refuses, names the first host and its address, and changes nothing in the folder', async () => {
    const dataDir = path.join(work, 'shared');
    const first = startHost(dataDir);
    const line = await first.ready;
    if (!line) throw new Error(`the first host did not start: ${(await first.exited).stderr}`);
    const url = new URL(line.slice('Browser host ready: '.length));
    // Let its start-up writes (the transfer list, the log) settle, so only the second host could change anything.
    await new Promise((r) => setTimeout(r, 800));
    const before = await snapshot(dataDir);
    const second = startHost(dataDir);
    const outcome = await second.exited;
    const after = await snapshot(dataDir);
    const changed = changes(before, after);
    const token = url.searchParams.get('token') ?? '';
    const stillServing = await fetch(`${url.origin}/`).then((r) => r.status, () => 0);
    const instance = await fs.readFile(path.join(dataDir, INSTANCE_FILE), 'utf8');
    first.child.kill('SIGTERM');
    await first.exited;
    const checks = new Checks()
      .that('the second host exited with an error', outcome.code !== 0 && outcome.code !== null && (await second.ready) === null)
      .that('it names the first host\'s process', outcome.stderr.includes(`process ${first.child.pid}`))
      .that('it names the first host\'s address', outcome.stderr.includes(`${url.origin}/`))
      .that('it names the data folder', outcome.stderr.includes(dataDir))
      .that('the token appears nowhere: not in its message, not in instance.json', token.length > 0 && !outcome.stderr.includes(token) && !instance.includes(token))
      .that('nothing in the data folder was created, removed or changed', changed.length === 0)
      .that('the first host still answers', stillServing !== 0);
    report.judge(
      'two browser hosts on one data folder',
      'the second exits non-zero naming the first\'s pid, address and folder; no file or folder in the data folder changes',
      `exit ${outcome.code}; stderr "${outcome.stderr.trim()}"; changed: ${changed.length ? changed.join('; ') : 'nothing'}`,
      checks,
      { fix: 'main/core/storage/instance-lock.ts: bootApp takes a proper-lockfile lock (instance.lock) before createAppServices; instance.json names the holder.' },
    );
    expect(checks.failed()).toEqual([]);
  });

  it('inside one process too: bootApp refuses a folder already booted, with DataFolderInUseError', async () => {
    const app = await bootTestApp();
    const before = await snapshot(app.dataDir);
    const error = await bootTestApp(app.dataDir).then(
      async (second) => {
        await second.close();
        return null;
      },
      (err: unknown) => err,
    );
    const after = await snapshot(app.dataDir);
    await app.cleanup();
    expect(error).toBeInstanceOf(DataFolderInUseError);
    expect((error as DataFolderInUseError).holder?.pid).toBe(process.pid);
    expect(changes(before, after)).toEqual([]);
  });
});

describe('the lock goes with the host', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal}: the host exits, the lock and instance.json are gone, the next host starts`, async () => {
      const dataDir = path.join(work, `signal-${signal}`);
      const first = startHost(dataDir);
      if (!(await first.ready)) throw new Error((await first.exited).stderr);
      first.child.kill(signal);
      const ended = await first.exited;
      const lockLeft = await exists(path.join(dataDir, LOCK_NAME));
      const instanceLeft = await exists(path.join(dataDir, INSTANCE_FILE));
      const next = startHost(dataDir);
      const nextReady = await next.ready;
      next.child.kill('SIGTERM');
      await next.exited;
      const checks = new Checks()
        .that('the host exited cleanly', ended.code === 0)
        .that('no lock is left', !lockLeft)
        .that('no instance.json is left', !instanceLeft)
        .that('the next host starts', nextReady !== null);
      report.judge(`the host stops on ${signal}`, 'lock and instance.json removed; the next host starts', `exit ${ended.code}; lock left ${lockLeft}; instance.json left ${instanceLeft}; next started ${nextReady !== null}`, checks);
      expect(checks.failed()).toEqual([]);
    });
  }

  it('SIGKILL: the lock left behind is taken over at the next start, at once', async () => {
    const dataDir = path.join(work, 'killed');
    const first = startHost(dataDir);
    if (!(await first.ready)) throw new Error((await first.exited).stderr);
    first.child.kill('SIGKILL');
    await first.exited;
    const lockLeft = await exists(path.join(dataDir, LOCK_NAME));
    const started = Date.now();
    const next = startHost(dataDir);
    const nextReady = await next.ready;
    const took = Date.now() - started;
    const holder = JSON.parse(await fs.readFile(path.join(dataDir, INSTANCE_FILE), 'utf8')) as { pid: number };
    next.child.kill('SIGTERM');
    const nextEnded = await next.exited;
    const checks = new Checks()
      .that('the killed host left its lock (it could not release it)', lockLeft)
      .that('the next host started', nextReady !== null)
      .that('without waiting for the lock to go stale (10 s)', took < 8000)
      .that('instance.json names the new holder', holder.pid === next.child.pid);
    report.judge(
      'a host killed with SIGKILL, then a new start',
      'the stale lock is recovered at once (the holder\'s process is gone); the new host holds the folder',
      `lock left: ${lockLeft}; next started: ${nextReady !== null} in ${took} ms; holder pid ${holder.pid}; ${nextEnded.stderr.trim()}`,
      checks,
    );
    expect(checks.failed()).toEqual([]);
  });
});
