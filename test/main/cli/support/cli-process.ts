// Runs the CLI as a child process, the way scripts run it. The entry is bundled once per test file with esbuild
// (as scripts/build.mjs bundles the other hosts) and run with node: spawning tsx would cost a second per call.
// Every run is checked for the one thing that must never happen: a secret in its output.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect } from 'vitest';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export async function buildCli(): Promise<{ bundle: string; remove(): Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-cli-bundle-'));
  const bundle = path.join(dir, 'cli.cjs');
  await build({
    entryPoints: [path.join(REPO, 'main/cli/main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    define: { __APP_VERSION__: JSON.stringify('9.9.9-test') },
    banner: { js: '#!/usr/bin/env node' },
  });
  return { bundle, remove: () => fs.rm(dir, { recursive: true, force: true }) };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as the one JSON document of a --json run. */
  json(): unknown;
}

export interface RunOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Written to stdin, which is then closed (stdin is never a terminal here). */
  input?: string;
}

/** The locale variables that choose the CLI's language: the tests run in English unless they set one. */
export const LOCALE_VARIABLES = ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE'] as const;

/** A variable of the test runner's own environment must not leak into the CLI under test. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.MEDIA_DESK_SECRET;
  delete env.MEDIA_DESK_DEBUG;
  for (const name of LOCALE_VARIABLES) delete env[name];
  for (const name of ['http_proxy', 'https_proxy', 'all_proxy', 'no_proxy']) {
    delete env[name];
    delete env[name.toUpperCase()];
  }
  return { ...env, ...extra };
}

export function makeRunner(bundle: string, secrets: () => readonly string[]) {
  return async function run(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
    const child = spawn(process.execPath, [bundle, ...args], { cwd: options.cwd ?? REPO, env: cleanEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.end(options.input ?? '');
    const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
    for (const secret of secrets()) {
      expect(stdout, `a secret in the stdout of ${args.join(' ')}`).not.toContain(secret);
      expect(stderr, `a secret in the stderr of ${args.join(' ')}`).not.toContain(secret);
    }
    return {
      code,
      stdout,
      stderr,
      json: () => JSON.parse(stdout) as unknown,
    };
  };
}

/** The one readable line every failure prints: no stack trace. */
export function expectOneErrorLine(run: CliRun, pattern: RegExp): void {
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines.at(-1)).toMatch(/^media-desk: /);
  expect(lines.at(-1)).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}
