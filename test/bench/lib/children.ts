// The processes the benchmark starts: the server process, workers, curl. Each has a time limit; every one still
// running when the benchmark ends is stopped by its own pid (see stopAllChildren).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { statusBytes } from './proc-status.js';
import type { ServerCommand, ServerReady, ServerReply, SinkReady, WorkerMark, WorkerReply } from './protocol.js';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const BENCH_DIR = path.join(ROOT, 'test', 'bench');
const TSX = ['--import', 'tsx'];

const live = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Stops every child this benchmark started and that is still running (SIGTERM, then SIGKILL after a moment). */
export async function stopAllChildren(): Promise<void> {
  const running = [...live].filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(
    running.map(
      (child) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            if (child.pid !== undefined) child.kill('SIGKILL');
            resolve();
          }, 3000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

export function killAllChildrenNow(): void {
  for (const child of live) if (child.exitCode === null) child.kill('SIGKILL');
}

export interface ServerHandle extends ServerReady {
  /** The sink, in a process of its own. */
  sinkUrl: string;
  call(command: DistributiveOmit<ServerCommand, 'id'>, timeoutMs?: number): Promise<unknown>;
  close(): Promise<void>;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Starts the sink process and waits for the address it listens on. */
async function startSinkProcess(timeoutMs: number): Promise<{ child: ChildProcess; url: string }> {
  const child = track(spawn(process.execPath, [...TSX, path.join(BENCH_DIR, 'sink-process.ts')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the sink process did not start in time')), timeoutMs);
    child.once('message', (message: SinkReady) => {
      clearTimeout(timer);
      resolve(message.url);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sink process exited (${code})`));
    });
  });
  return { child, url };
}

async function stopChild(child: ChildProcess, stop: () => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  stop();
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function startServerProcess(options: unknown, timeoutMs = 60_000): Promise<ServerHandle> {
  const sink = await startSinkProcess(timeoutMs);
  const child = track(spawn(process.execPath, [...TSX, path.join(BENCH_DIR, 'server-process.ts'), JSON.stringify(options)], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  let nextId = 1;
  const ready = await new Promise<ServerReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server process did not start in time')), timeoutMs);
    child.on('message', (message: ServerReady | ServerReply) => {
      if ('type' in message && message.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
        return;
      }
      const reply = message as ServerReply;
      const waiter = pending.get(reply.id);
      if (!waiter) return;
      pending.delete(reply.id);
      clearTimeout(waiter.timer);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(new Error(reply.error));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server process exited (${code})`));
      for (const waiter of pending.values()) waiter.reject(new Error(`the server process exited (${code})`));
    });
  });
  return {
    ...ready,
    sinkUrl: sink.url,
    call(command, callTimeoutMs = 120_000) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`the server process did not answer "${command.cmd}" in time`));
        }, callTimeoutMs);
        pending.set(id, { resolve, reject, timer });
        child.send({ ...command, id });
      });
    },
    async close() {
      await Promise.all([stopChild(child, () => child.send({ id: 0, cmd: 'close' } satisfies ServerCommand)), stopChild(sink.child, () => sink.child.kill('SIGTERM'))]);
    },
  };
}

export interface WorkerOutcome<T> {
  result: T;
  /** RSS of the worker when it marked the start of the measured part, sampled from outside. */
  sampledRssAtStart?: number;
  /** The highest RSS sampled from outside between its start and end marks (every 5 ms). */
  sampledPeakRss?: number;
}

/**
 * Runs `worker.ts <command> <json>` in a fresh Node process and returns its result. With sampleRss, the worker's RSS
 * is read from outside every 5 ms of its measured part: only in rounds whose time is not compared, since the
 * sampling takes CPU time from a machine the measured work shares.
 */
export function runWorker<T>(command: string, args: unknown, timeoutMs: number, options: { sampleRss?: boolean } = {}): Promise<WorkerOutcome<T>> {
  const child = track(spawn(process.execPath, ['--expose-gc', ...TSX, path.join(BENCH_DIR, 'worker.ts'), command, JSON.stringify(args)], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  return new Promise((resolve, reject) => {
    let sampler: NodeJS.Timeout | undefined;
    const outcome: Partial<WorkerOutcome<T>> = {};
    let reply: WorkerReply | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker "${command}" took longer than ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    const sample = (): void => {
      if (child.pid === undefined) return;
      const rss = statusBytes('VmRSS', child.pid);
      if (rss !== undefined) outcome.sampledPeakRss = Math.max(outcome.sampledPeakRss ?? 0, rss);
    };
    child.on('message', (message: WorkerReply | WorkerMark) => {
      if (message.type === 'mark') {
        if (!options.sampleRss) return;
        if (message.phase === 'start' && child.pid !== undefined) {
          const rss = statusBytes('VmRSS', child.pid);
          if (rss !== undefined) outcome.sampledRssAtStart = rss;
          sampler = setInterval(sample, 5);
        } else if (sampler) {
          sample();
          clearInterval(sampler);
          sampler = undefined;
        }
        return;
      }
      reply = message;
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (sampler) clearInterval(sampler);
      if (reply?.ok) resolve({ ...outcome, result: reply.result as T });
      else reject(new Error(reply && !reply.ok ? reply.error : `worker "${command}" exited (${code}) without an answer`));
    });
  });
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a program (curl, xargs…) with a time limit; the time is from spawn to exit. */
export function runCommand(file: string, args: string[], options: { timeoutMs: number; input?: string; env?: NodeJS.ProcessEnv }): Promise<CommandResult> {
  const started = performance.now();
  const child = track(spawn(file, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env }));
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  // A program that never reads its input (dd with if=) may exit before it is written: EPIPE then, not a crash.
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(file)} took longer than ${Math.round(options.timeoutMs / 1000)} s`));
    }, options.timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** Spawns a long-running process (the browser host) that the caller stops; it is tracked for the final clean-up. */
export function spawnTracked(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  return track(spawn(file, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] }));
}
