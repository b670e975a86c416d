// README.md, command by command: every npm script it names exists, the cheap commands it shows run, and every CLI
// command of its table exists with the options the table gives it. Renaming a script or a command without the
// README (or the README without the code) fails here.
import { spawn } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../main/cli/exit-codes';
import { buildCli, REPO } from './main/cli/support/cli-process';

const README = readFileSync(path.join(REPO, 'README.md'), 'utf8');
const PACKAGE = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };

/** The README's section under a `## title`, up to the next `## `. */
function section(title: string): string {
  const start = README.indexOf(`\n## ${title}`);
  if (start < 0) throw new Error(`README has no "## ${title}" section`);
  const end = README.indexOf('\n## ', start + 4);
  return README.slice(start, end < 0 ? undefined : end);
}

/** `npm start`, `npm test`, `npm run X` (with or without -s) wherever the README says them. */
function namedScripts(): string[] {
  const names = new Set<string>();
  for (const match of README.matchAll(/\bnpm (start|test)\b/g)) names.add(match[1] ?? '');
  for (const match of README.matchAll(/\bnpm run (?:-s )?([a-z][\w:-]*)/g)) names.add(match[1] ?? '');
  return [...names].sort();
}

interface CliRow {
  words: string[];
  options: string[];
}

/** Each command of the CLI table: its words (`library acl set`) and the options its usage names. */
function cliRows(): CliRow[] {
  const rows: CliRow[] = [];
  for (const line of section('Command line').split('\n')) {
    const cell = /^\| (`.+?`) \|/.exec(line)?.[1];
    if (!cell || cell === '`command`') continue;
    for (const usage of cell.match(/`[^`]+`/g) ?? []) {
      const tokens = usage.slice(1, -1).split(/\s+/);
      const words: string[] = [];
      for (const token of tokens) {
        if (!/^[a-z][a-z-]*$/.test(token)) break;
        words.push(token);
      }
      rows.push({ words, options: [...new Set(usage.match(/--[a-z][a-z-]*/g) ?? [])] });
    }
  }
  return rows;
}

function run(command: string, args: string[], options: { cwd?: string } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.MEDIA_DESK_SECRET;
    const child = spawn(command, args, { cwd: options.cwd ?? REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('README: npm scripts', () => {
  it('names only scripts package.json has', () => {
    const named = namedScripts();
    expect(named).toEqual(expect.arrayContaining(['start', 'test', 'cli', 'sandbox', 'start:web']));
    expect(named.filter((name) => PACKAGE.scripts[name] === undefined)).toEqual([]);
  });

  it('gives the built CLI as the bin it says (dist/main/cli.cjs, which the build writes)', () => {
    expect(README).toContain('npx media-desk --help   # the built bin, dist/main/cli.cjs');
    expect(PACKAGE.bin['media-desk']).toBe('dist/main/cli.cjs');
    expect(readFileSync(path.join(REPO, 'scripts/build.mjs'), 'utf8')).toContain("outfile: path.join(root, 'dist/main/cli.cjs')");
  });
});

describe("README: the CLI's own commands", () => {
  let cli: Awaited<ReturnType<typeof buildCli>>;
  let dataDir: string;
  beforeAll(async () => {
    cli = await buildCli();
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-readme-'));
  });
  afterAll(async () => {
    await cli?.remove();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('npm run -s cli -- --help, and -- accounts list on an empty data folder, exit 0 with nothing of npm on stdout', async () => {
    expect(README).toContain('npm run -s cli -- accounts list');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const help = await run(npm, ['run', '-s', 'cli', '--', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^media-desk: /);
    expect(help.stdout).toContain('accounts list');
    const list = await run(npm, ['run', '-s', 'cli', '--', 'accounts', 'list', '--data-dir', dataDir, '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual({ dataDir, accounts: [] });
  }, 60_000);

  const rows = cliRows();
  it('lists the commands of the CLI table', () => {
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(rows.every((row) => row.words.length > 0)).toBe(true);
  });

  it.each(rows.map((row) => [row.words.join(' '), row] as const))('%s --help exits 0 and knows the options the table gives', async (_name, row) => {
    const help = await run(process.execPath, [cli.bundle, ...row.words, '--help']);
    expect(help.stderr).toBe('');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(new RegExp(`^Usage: media-desk ${row.words.join(' ')}\\b`));
    expect(row.options.filter((option) => !help.stdout.includes(option))).toEqual([]);
  });

  it('gives the exit codes the CLI has', () => {
    const line = /^Exit codes: (.+?)\.$/ms.exec(section('Command line'))?.[1] ?? '';
    const said = [...line.matchAll(/(?:^|· )(\d+) /g)].map((match) => Number(match[1])).sort((a, b) => a - b);
    expect(said).toEqual(Object.values(EXIT).sort((a, b) => a - b));
  });
});
