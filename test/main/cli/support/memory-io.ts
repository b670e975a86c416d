// The CLI's I/O in memory, for running runCli in-process: what it wrote to stdout and stderr, read back as text.
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../../../main/cli/io.js';

export interface MemoryIo extends CliIo {
  out(): string;
  err(): string;
}

/** An empty stdin (never a terminal), `env` as the whole environment, `cwd` as the working folder. */
export function memoryIo(env: Record<string, string> = {}, cwd = process.cwd()): MemoryIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  return { stdout, stderr, stdin: new PassThrough(), env, cwd, out: () => out, err: () => err };
}
