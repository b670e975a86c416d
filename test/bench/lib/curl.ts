// The references: curl sending what the app's clients send, to the same endpoints.
import fs from 'node:fs';
import { runCommand, type CommandResult } from './children.js';
import type { GenericUploadSetup, LibrarySetup } from './protocol.js';

export interface CurlRun {
  status: number;
  /** curl's own time_total (connect → last byte of the answer), without its process start. */
  ms: number;
  /** Spawn → exit. */
  wallMs: number;
  /** CPU time curl used (user + system), where /usr/bin/time is there to tell. */
  cpuMs?: number;
}

const TIME = '/usr/bin/time';
const CPU_MARK = 'bench-cpu';

/** Runs a command (curl, or xargs running curls), under /usr/bin/time when it exists so its CPU time is known too. */
async function runTimed(file: string, args: string[], options: { timeoutMs: number; input?: string }): Promise<CommandResult & { cpuMs?: number }> {
  if (!fs.existsSync(TIME)) return runCommand(file, args, options);
  // GNU time reports the command's rusage, which includes the children it waited for (xargs' curls).
  const run = await runCommand(TIME, ['-f', `${CPU_MARK} %U %S`, file, ...args], options);
  const match = new RegExp(`^${CPU_MARK} ([\\d.]+) ([\\d.]+)$`, 'm').exec(run.stderr);
  const stderr = run.stderr.replace(new RegExp(`^${CPU_MARK} .*$\\n?`, 'm'), '').replace(/^Command exited with non-zero status \d+\n?/m, '');
  return match ? { ...run, stderr, cpuMs: (Number(match[1]) + Number(match[2])) * 1000 } : { ...run, stderr };
}

function runCurl(args: string[], timeoutMs: number): Promise<CommandResult & { cpuMs?: number }> {
  return runTimed('curl', args, { timeoutMs });
}

function parseWrite(stdout: string, stderr: string, code: number | null): { status: number; seconds: number } {
  const [status, seconds] = stdout.trim().split(/\s+/);
  if (code !== 0 || status === undefined || seconds === undefined) throw new Error(`curl failed (exit ${code}): ${stderr.trim() || stdout.trim()}`);
  return { status: Number(status), seconds: Number(seconds) };
}

/** The text parts of the generic upload, in the template's order (user, pass, to, description), taken literally. */
export function genericFormArgs(setup: GenericUploadSetup): string[] {
  return ['--form-string', `user=${setup.username}`, '--form-string', `pass=${setup.password}`, '--form-string', `to=${setup.recipient}`, '--form-string', `description=${setup.description}`];
}

/** `curl -F` of the file to the generic upload URL with the same parts and the same X-Media-Size header. */
export async function curlGenericUpload(url: string, setup: GenericUploadSetup, file: string, name: string, size: number, contentType: string, timeoutMs: number): Promise<CurlRun> {
  const args = ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{time_total}', '-H', `X-Media-Size: ${size}`, ...genericFormArgs(setup), '-F', `media=@${file};type=${contentType};filename=${name}`, url];
  return curlRun(args, timeoutMs);
}

async function curlRun(args: string[], timeoutMs: number): Promise<CurlRun> {
  const run = await runCurl(args, timeoutMs);
  const { status, seconds } = parseWrite(run.stdout, run.stderr, run.code);
  return { status, ms: seconds * 1000, wallMs: run.ms, ...(run.cpuMs !== undefined ? { cpuMs: run.cpuMs } : {}) };
}

export function libraryAuthHeaders(setup: LibrarySetup): string[] {
  const basic = Buffer.from(`${setup.userId}:${setup.password}`, 'utf8').toString('base64');
  return ['-H', `Authorization: Basic ${basic}`, '-H', `X-Application-Id: ${setup.appId}`];
}

/**
 * `curl --data-binary @file` to a media library file URL, with the same credentials as the app. curl reads the whole
 * file into memory first, and refuses a file of 1 GiB or more ("option --data-binary: out of memory", curl 7.88).
 */
export async function curlLibraryUpload(fileUrl: string, setup: LibrarySetup, file: string, timeoutMs: number): Promise<CurlRun> {
  const args = ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{time_total}', ...libraryAuthHeaders(setup), '-H', 'Content-Type: application/octet-stream', '--data-binary', `@${file}`, fileUrl];
  return curlRun(args, timeoutMs);
}

/** The same request streamed from disk: `curl -X POST -T file` (Content-Length from the file's size, as the app sends). */
export async function curlLibraryUploadStreamed(fileUrl: string, setup: LibrarySetup, file: string, timeoutMs: number): Promise<CurlRun> {
  const args = ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{time_total}', ...libraryAuthHeaders(setup), '-H', 'Content-Type: application/octet-stream', '-X', 'POST', '-T', file, fileUrl];
  return curlRun(args, timeoutMs);
}

/** `xargs -P<n> curl` of every file to the generic upload URL; the time is the wall time of the whole xargs. */
export async function xargsCurlUploads(url: string, setup: GenericUploadSetup, files: string[], size: number, parallel: number, timeoutMs: number): Promise<{ ms: number; statuses: number[]; curlMs: number[]; cpuMs?: number }> {
  const args = [
    '-0',
    `-P${parallel}`,
    '-I{}',
    'curl',
    '-sS',
    '-o',
    '/dev/null',
    '-w',
    '%{http_code} %{time_total}\\n',
    '-H',
    `X-Media-Size: ${size}`,
    ...genericFormArgs(setup),
    '-F',
    'media=@{};type=image/jpeg',
    url,
  ];
  const run = await runTimed('xargs', args, { timeoutMs, input: files.join('\0') });
  if (run.code !== 0) throw new Error(`xargs curl failed (exit ${run.code}): ${run.stderr.trim().slice(0, 500)}`);
  const lines = run.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/));
  return { ms: run.ms, statuses: lines.map((l) => Number(l[0])), curlMs: lines.map((l) => Number(l[1]) * 1000), ...(run.cpuMs !== undefined ? { cpuMs: run.cpuMs } : {}) };
}
