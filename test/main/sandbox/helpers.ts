// Shared by the sandbox tests: a sandbox on a fresh temp data dir, a raw HTTP client (node:http, so paths are
// sent exactly as written: fetch() would resolve "..", and encoded dots, before sending), and disk listings.
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox, type StartSandboxOptions } from '../../../main/sandbox/index.js';

export async function makeTempDir(prefix = 'media-desk-sandbox-test-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export interface TestSandbox {
  sandbox: Sandbox;
  dataDir: string;
  /** Closes the sandbox and removes its data dir. */
  stop(): Promise<void>;
}

export async function startTestSandbox(options: Partial<StartSandboxOptions> = {}): Promise<TestSandbox> {
  const dataDir = options.dataDir ?? (await makeTempDir());
  const sandbox = await startSandbox({ ...options, dataDir, onError: options.onError ?? ((err) => console.error('[sandbox test]', err)) });
  return {
    sandbox,
    dataDir,
    stop: async () => {
      await sandbox.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text(): string;
  json(): unknown;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** A stream is piped as it is: give its Content-Length in `headers`. */
  body?: Buffer | string | Readable;
}

/** `target` is a full URL; its path and query are sent verbatim, without any normalisation. */
export function httpRequest(target: string, options: RequestOptions = {}): Promise<HttpResult> {
  const match = /^(http:\/\/[^/]+)(\/.*)?$/.exec(target);
  if (!match) throw new Error(`not an http URL: ${target}`);
  const origin = new URL(match[1]!);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: origin.hostname,
        port: origin.port,
        method: options.method ?? 'GET',
        path: match[2] ?? '/',
        // Always a Content-Length with a body: Node sends DELETE bodies unframed otherwise.
        headers: options.body === undefined || options.body instanceof Readable ? options.headers : { 'Content-Length': String(Buffer.byteLength(options.body)), ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: () => body.toString('utf8'),
            json: () => JSON.parse(body.toString('utf8')) as unknown,
          });
        });
      },
    );
    req.on('error', reject);
    if (options.body instanceof Readable) options.body.pipe(req);
    else req.end(options.body);
  });
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Every file under a folder, as paths relative to it, sorted. */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

export const DEMO_ASSETS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../assets/demo');

export async function demoAsset(name: string): Promise<Buffer> {
  return fs.readFile(path.join(DEMO_ASSETS_DIR, name));
}
