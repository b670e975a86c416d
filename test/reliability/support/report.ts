// The reliability report: every case records what was expected and what was observed; each test file adds its rows
// in an afterAll, and the table in test-results/reliability-report.md is rebuilt from the rows of every file of the
// same Vitest run.
//
// Vitest runs test files in separate worker processes (pool: 'forks'), so rows cannot be shared in memory. Each
// file writes its rows to test-results/reliability/<file>.json tagged with the Vitest process id (the workers'
// parent: the same for every file of one run); rows from another run are dropped. A lock directory serialises
// "write my rows, rebuild the table", so the file that finishes last writes a table with every file's rows.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Outcome = 'holds' | 'bug' | 'note';

export interface CaseRow {
  area: string;
  case: string;
  expected: string;
  observed: string;
  outcome: Outcome;
  /** For a bug: where in main/ and what the fix is, in a sentence. */
  fix?: string;
}

interface PartialFile {
  run: number;
  file: string;
  finishedAt: string;
  rows: CaseRow[];
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const RESULTS_DIR = path.join(ROOT, 'test-results');
const PARTS_DIR = path.join(RESULTS_DIR, 'reliability');
export const REPORT_FILE = path.join(RESULTS_DIR, 'reliability-report.md');
const LOCK_DIR = path.join(PARTS_DIR, '.lock');

/** One per test file: collects its rows and writes them (and the whole table) when the file is done. */
export class CaseReport {
  private readonly rows: CaseRow[] = [];

  constructor(
    private readonly file: string,
    private readonly area: string,
  ) {}

  /** Records a case. Call it once the observation is known, before the assertions that judge it. */
  add(name: string, expected: string, observed: string, outcome: Outcome = 'holds'): void {
    this.rows.push({ area: this.area, case: name, expected: oneLine(expected), observed: oneLine(observed), outcome });
  }

  /**
   * Records a case judged by a list of checks: it holds when every check does; the failed ones are named. `fix`
   * says, for a case that shows a bug in main/, where the fix goes (shown under the table while the bug is there).
   */
  judge(name: string, expected: string, observed: string, checks: Checks, options: { otherwise?: Outcome; fix?: string } = {}): void {
    const failed = checks.failed();
    this.add(name, expected, failed.length === 0 ? observed : `${observed} NOT AS EXPECTED: ${failed.join('; ')}`, failed.length === 0 ? 'holds' : (options.otherwise ?? 'bug'));
    const row = this.rows[this.rows.length - 1];
    if (row && row.outcome === 'bug' && options.fix) row.fix = oneLine(options.fix);
  }

  async write(): Promise<void> {
    await fs.mkdir(PARTS_DIR, { recursive: true });
    await withLock(async () => {
      const part: PartialFile = { run: process.ppid, file: this.file, finishedAt: new Date().toISOString(), rows: this.rows };
      await writeAtomic(path.join(PARTS_DIR, `${this.file}.json`), JSON.stringify(part, null, 2));
      await rebuild();
    });
  }
}

/** Named checks of one case, so the report can say which part of the expectation did not hold. */
export class Checks {
  private readonly results: Array<{ what: string; ok: boolean }> = [];

  that(what: string, ok: boolean): this {
    this.results.push({ what, ok });
    return this;
  }

  failed(): string[] {
    return this.results.filter((r) => !r.ok).map((r) => r.what);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, text);
  await fs.rename(temp, file);
}

async function withLock(fn: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await fs.mkdir(LOCK_DIR);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A lock older than the deadline was left by a killed run.
      const stat = await fs.stat(LOCK_DIR).catch(() => null);
      if (stat && Date.now() - stat.mtimeMs > 15_000) await fs.rm(LOCK_DIR, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('reliability report: lock not released', { cause: err });
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  try {
    await fn();
  } finally {
    await fs.rm(LOCK_DIR, { recursive: true, force: true });
  }
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

async function rebuild(): Promise<void> {
  const names = (await fs.readdir(PARTS_DIR)).filter((n) => n.endsWith('.json'));
  const parts: PartialFile[] = [];
  for (const name of names) {
    const file = path.join(PARTS_DIR, name);
    try {
      const part = JSON.parse(await fs.readFile(file, 'utf8')) as PartialFile;
      if (part.run === process.ppid) parts.push(part);
      else await fs.rm(file, { force: true });
    } catch {
      await fs.rm(file, { force: true });
    }
  }
  parts.sort((a, b) => a.file.localeCompare(b.file));
  const rows = parts.flatMap((p) => p.rows);
  const count = (o: Outcome): number => rows.filter((r) => r.outcome === o).length;
  const lines = [
    '# Reliability report',
    '',
    `Written by \`test/reliability/\` (part of \`npm test\`) on ${new Date().toISOString()}, from ${parts.length} test file(s):`,
    `${parts.map((p) => `\`${p.file}\``).join(', ')}.`,
    '',
    `${rows.length} cases: ${count('holds')} hold, ${count('bug')} show a bug in \`main/\` (each one's test fails, so the run fails;`,
    `where the fix goes is listed under the table), ${count('note')} are observations that are not failures.`,
    '',
    'Every case checks what the user is told (the error code and message), what is left on disk and in the queue,',
    'and, where the fault can go away, that a retry then succeeds.',
    '',
    '| area | case | expected | observed | outcome |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${cell(r.area)} | ${cell(r.case)} | ${cell(r.expected)} | ${cell(r.observed)} | ${r.outcome === 'holds' ? 'holds' : r.outcome === 'bug' ? '**bug**' : 'note'} |`),
    '',
  ];
  const bugs = rows.filter((r) => r.outcome === 'bug');
  if (bugs.length > 0) {
    lines.push('## Bugs found and where the fix goes', '');
    for (const bug of bugs) lines.push(`- **${bug.area}: ${bug.case}**. ${bug.fix ?? 'See the test for the fix.'}`);
    lines.push('');
  }
  await writeAtomic(REPORT_FILE, lines.join('\n'));
}
