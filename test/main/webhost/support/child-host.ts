// Starts test/main/webhost/support/host-process.ts in a child process and talks to it over real sockets.
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

export interface ChildHost {
  port: number;
  origin: string;
  token: string;
  hostHeader: string;
  /** The session cookie (`name=value`) the launch token was exchanged for. */
  cookie: string;
  process: ChildProcess;
  /** Null while it runs; how it ended otherwise, with what it printed. */
  died(): string | null;
  stop(): Promise<void>;
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const ENTRY = path.join(__dirname, 'host-process.ts');

export function httpRequest(port: number, pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: pathname, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...options.headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Trades the launch token for the session cookie, as the browser does when it opens the printed URL. */
export async function signIn(port: number, token: string): Promise<string> {
  const exchange = await httpRequest(port, `/?token=${token}`);
  return String(exchange.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
}

export async function startChildHost(limits: Record<string, number> = {}): Promise<ChildHost> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-host-child-'));
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, dataDir], {
    cwd: ROOT,
    env: { ...process.env, MD_HOST_LIMITS: JSON.stringify(limits) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let ended: string | null = null;
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  child.once('exit', (code, signal) => (ended = `exited (code ${String(code)}, signal ${String(signal)}):\n${output.slice(-4000)}`));
  const ready = await new Promise<{ port: number; origin: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host did not start:\n${output}`)), 20_000);
    const check = (): void => {
      const line = /^(\{.*\})$/m.exec(output)?.[1];
      if (!line) return;
      clearTimeout(timer);
      resolve(JSON.parse(line) as { port: number; origin: string; token: string });
    };
    child.stdout.on('data', check);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`the host ${ended ?? 'exited'}`));
    });
  });
  const cookie = await signIn(ready.port, ready.token);
  return {
    ...ready,
    hostHeader: `127.0.0.1:${ready.port}`,
    cookie,
    process: child,
    died: () => ended,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Null when the host is alive and serves a signed-in page, else what is wrong (with its dying words). */
export async function servingProblem(host: ChildHost): Promise<string | null> {
  const died = host.died();
  if (died) return `the browser host died: ${died}`;
  let reply: Reply;
  try {
    reply = await httpRequest(host.port, '/api/invoke', {
      method: 'POST',
      headers: { cookie: host.cookie, origin: host.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'app.info', args: {} }),
    });
  } catch (err) {
    // A process that just crashed may not have reported its exit yet.
    await new Promise((resolve) => setTimeout(resolve, 500));
    return `the browser host did not answer a valid request (${String(err)}); ${host.died() ?? 'it is still running'}`;
  }
  if (reply.status !== 200 || !reply.body.includes('"ok":true')) return `a valid request got ${reply.status}: ${reply.body.slice(0, 200)}`;
  return null;
}

/** The check after every batch of hostile input. */
export async function expectServing(host: ChildHost): Promise<void> {
  const problem = await servingProblem(host);
  if (problem) throw new Error(problem);
}
