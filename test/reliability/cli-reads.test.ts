// The CLI only reads the data folder, while the app may be writing it. A writer process (the crash test's child:
// the app's stores writing settings, accounts with their secrets and the transfer queue as fast as they can) runs
// while this process reads the same folder the way the CLI does (openAppData), and reads every file the app writes
// whole, in a tight loop. Every read must parse: the app writes each file beside it and renames it in place, and a
// rename is atomic, so a reader sees the old file or the new one, never half of one.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppData } from '../../main/cli/app-data.js';
import { bundleCrashChild } from './support/crash-child-bundle.js';
import { CaseReport, Checks } from './support/report.js';

const report = new CaseReport('cli-reads', 'CLI reads during app writes');
const READ_FOR_MS = 4000;
const FILES = ['settings.json', 'accounts.json', 'secrets.json', 'transfers.json'];
let work: string;
let writerScript: string;

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'md-rel-cli-reads-'));
  writerScript = path.join(work, 'writer.mjs');
  await bundleCrashChild(writerScript);
});
afterAll(async () => {
  await report.write();
  await fs.rm(work, { recursive: true, force: true });
});

describe('the CLI reads while the app writes', () => {
  it('every read of every file parses, and the CLI never finds a damaged file', async () => {
    const dataDir = path.join(work, 'data');
    await fs.mkdir(dataDir);
    const writer = spawn(process.execPath, [writerScript, dataDir, '7'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let created = 0;
    writer.stdout.on('data', (chunk: Buffer) => (created += (chunk.toString().match(/^created /gm) ?? []).length));
    writer.stderr.resume();
    const exited = new Promise<void>((resolve) => writer.once('exit', () => resolve()));

    const problems: string[] = [];
    let wholeReads = 0;
    let cliReads = 0;
    const deadline = Date.now() + READ_FOR_MS;
    const readWhole = async (): Promise<void> => {
      while (Date.now() < deadline) {
        for (const name of FILES) {
          const text = await fs.readFile(path.join(dataDir, name), 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? null : `ERROR ${err.code}`));
          if (text === null) continue;
          wholeReads += 1;
          try {
            JSON.parse(text);
          } catch {
            problems.push(`${name} did not parse (${text.length} chars: ${JSON.stringify(text.slice(-40))})`);
          }
        }
      }
    };
    const readAsCli = async (): Promise<void> => {
      while (Date.now() < deadline) {
        const warnings: string[] = [];
        try {
          const data = await openAppData(dataDir, (text) => warnings.push(text));
          data.accounts.list();
          cliReads += 1;
        } catch (err) {
          // Before the writer made the folder's first files, there is nothing to read yet.
          if (!/no Media Desk data folder/.test(String(err))) problems.push(`openAppData failed: ${String(err)}`);
        }
        problems.push(...warnings.map((w) => `CLI warned: ${w}`));
      }
    };
    await Promise.all([readWhole(), readWhole(), readAsCli()]);
    writer.kill('SIGKILL');
    await exited;
    const aside = (await fs.readdir(dataDir)).filter((n) => n.includes('.corrupt-'));
    const checks = new Checks()
      .that('the writer wrote while we read', created > 5)
      .that('files were read many times', wholeReads > 100 && cliReads > 10)
      .that('every read parsed, and the CLI never warned', problems.length === 0)
      .that('nothing was set aside as damaged', aside.length === 0);
    report.judge(
      `the CLI reads for ${READ_FOR_MS / 1000} s while the app's stores write`,
      'every whole-file read parses; openAppData never finds a damaged file or key',
      `${created} accounts written; ${wholeReads} whole-file reads, ${cliReads} CLI opens; problems: ${problems.slice(0, 3).join('; ') || 'none'}; set aside: ${aside.join(', ') || 'nothing'}`,
      checks,
    );
    expect(checks.failed()).toEqual([]);
  }, 30_000);
});
