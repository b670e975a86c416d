// Prism serving Twilio's OpenAPI subset, started directly (not through npx, which leaves an orphan) on a free
// loopback port and stopped by its PID; and a recording proxy in front of it, so a test sees every request the
// client made together with Prism's verdict on it.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
/** Twilio's OpenAPI subset, kept in the repository (its source and licence: the README beside it). */
export const SPEC_PATH = path.join(REPO_ROOT, 'test/fixtures/twilio-openapi/twilio_api_v2010.media-subset.json');
const PRISM_BIN = path.join(REPO_ROOT, 'node_modules/.bin/prism');

export interface Prism {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
  });
}

export async function startPrism(): Promise<Prism> {
  const port = await freePort();
  const child = spawn(PRISM_BIN, ['mock', '-h', '127.0.0.1', '-p', String(port), SPEC_PATH], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const stop = async (): Promise<void> => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
    await waitForExit(child);
  };
  // Prism starts in about a second; allow for a loaded machine before giving up.
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new Error(`Prism exited early:\n${output}`);
    if (await canConnect(port)) return { url: `http://127.0.0.1:${port}`, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`Prism did not open port ${port}:\n${output}`);
}

export interface ProxiedRequest {
  method: string;
  url: string;
  status: number;
  /** Prism's sl-violations header, parsed: what it found wrong with the request or its own answer. */
  violations: Array<{ location: string[]; severity: string; message: string }>;
}

export interface RecordingProxy {
  url: string;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const requests: ProxiedRequest[] = [];
  const server = http.createServer((req, res) => {
    const upstream = http.request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers, agent: false }, (answer) => {
      const header = answer.headers['sl-violations'];
      const violations = typeof header === 'string' ? (JSON.parse(header) as ProxiedRequest['violations']) : [];
      requests.push({ method: req.method ?? '', url: req.url ?? '', status: answer.statusCode ?? 0, violations });
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
