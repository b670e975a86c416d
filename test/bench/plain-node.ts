// The `upload.library` figures' third side: the same request as curl's (`POST` of the file to its URL, the same
// credentials and Content-Type) made with nothing but Node's own `http.request` and `fs.createReadStream(file)
// .pipe(request)`, as any Node program would send a file. Not a target: it tells apart what the app's code costs
// from what a Node sender costs against this server on these two cores (test/bench/README.md, session 13).
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import type { LibrarySetup } from './lib/protocol.js';
import { cpuFigure, GiB, median, MiB, ratioOf, type Figure } from './lib/report.js';

export interface PlainUploadArgs {
  setup: LibrarySetup;
  folder: string;
  name: string;
  file: string;
  /** The 64 KiB copy of the file's head the app's worker also sends first, untimed. */
  warmUpFile: string;
}

// One keep-alive connection for the warm-up and the timed upload, as the app's client keeps its own.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function fileUrl(setup: LibrarySetup, folder: string, name: string): URL {
  return new URL(`${setup.serverUrl.replace(/\/$/, '')}/rest/1.0/media/${encodeURIComponent(setup.domain)}/${encodeURIComponent(folder)}/${encodeURIComponent(name)}`);
}

function authHeaders(setup: LibrarySetup): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${setup.userId}:${setup.password}`, 'utf8').toString('base64')}`, 'x-application-id': setup.appId };
}

function request(url: URL, method: string, headers: Record<string, string>, body?: { file: string; size: number }): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(url, { method, agent, headers: body ? { ...headers, 'content-type': 'application/octet-stream', 'content-length': String(body.size) } : headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    outgoing.on('error', reject);
    if (body) fs.createReadStream(body.file).on('error', reject).pipe(outgoing);
    else outgoing.end();
  });
}

/** The untimed warm-up: the 64 KiB copy sent and deleted again, as the app's worker does before its timed upload. */
export async function plainWarmUp(args: PlainUploadArgs): Promise<void> {
  const headers = authHeaders(args.setup);
  const warmUrl = fileUrl(args.setup, args.folder, `warm-up-${args.name}`);
  await request(warmUrl, 'POST', headers, { file: args.warmUpFile, size: (await fsp.stat(args.warmUpFile)).size });
  await request(warmUrl, 'DELETE', headers);
}

/** The timed upload of `file` as `name`; fails on an answer that is not 2xx. */
export async function plainUpload(args: PlainUploadArgs, size: number): Promise<void> {
  const status = await request(fileUrl(args.setup, args.folder, args.name), 'POST', authHeaders(args.setup), { file: args.file, size });
  if (status < 200 || status > 299) throw new Error(`the plain Node upload was answered ${status}`);
}

interface TimedRun {
  ms: number;
  cpuMs?: number | undefined;
}

const rounded = (n: number | null, digits: number): number | null => (n === null ? null : Number(n.toFixed(digits)));
const rate = (bytes: number, runs: readonly TimedRun[]): number => bytes / MiB / (median(runs.map((r) => r.ms)) / 1000);

/**
 * The plain Node sender's figure: its rate beside curl's in the same rounds (the ratio) and beside the app's
 * (`appOverNode`, the app's rate over Node's own). No target: it says how much of a gap to curl any Node program
 * pays against the same server.
 */
export function plainNodeFigure(name: string, size: number, runs: { node: readonly TimedRun[]; ref: readonly TimedRun[]; app: readonly TimedRun[] }): Figure {
  const nodeRate = rate(size, runs.node);
  const refRate = rate(size, runs.ref);
  return {
    name,
    figure: 'upload.library.1GiB',
    unit: 'MiB/s',
    app: rounded(nodeRate, 1),
    ref: rounded(refRate, 1),
    ratio: rounded(ratioOf(nodeRate, refRate), 3),
    cpu: cpuFigure(runs.node.map((n) => n.cpuMs ?? 0), runs.ref.map((r) => r.cpuMs), size / GiB, 'ms/GiB'),
    details: {
      method: "Node's own http.request with fs.createReadStream(file).pipe(request), the same POST as curl's, in a fresh worker per round after the same untimed 64 KiB warm-up as the app's; last in each round; not a target",
      nodeMs: runs.node.map((n) => rounded(n.ms, 1)),
      nodeCpuMs: runs.node.map((n) => rounded(n.cpuMs ?? null, 0)),
      appOverNode: rounded(ratioOf(rate(size, runs.app), nodeRate), 3),
    },
  };
}
