// Before each timed round: what the previous round wrote is flushed to the disk, and the machine is idle. Without
// it, one round's writeback and the server's clean-up (a 1 GiB file deleted, a record fsynced) fall into the next
// round, whichever client that is, and the rounds of one side spread by up to 1.9 times within a run.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The machine counts as idle once a window this long was at most MAX_BUSY busy and MAX_IOWAIT waiting on the disk. */
const WINDOW_MS = 250;
const MAX_BUSY = 0.1;
const MAX_IOWAIT = 0.05;

interface CpuTimes {
  total: number;
  idle: number;
  iowait: number;
}

/** The machine's CPU times so far (all CPUs, /proc/stat's first line), or undefined where /proc is not there. */
function cpuTimes(): CpuTimes | undefined {
  let line: string;
  try {
    line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  } catch {
    return undefined;
  }
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user)
  const total = fields.slice(0, 8).reduce((sum, n) => sum + (Number.isFinite(n) ? n : 0), 0);
  return { total, idle: fields[3] ?? 0, iowait: fields[4] ?? 0 };
}

export interface Settled {
  /** How long the wait took, sync included. */
  waitedMs: number;
  /** False when the machine did not become idle within the limit (the round ran anyway). */
  idle: boolean;
}

/** Runs sync, then waits (up to maxMs) for a quiet window. */
export async function settle(maxMs = 10_000): Promise<Settled> {
  const started = performance.now();
  await run('sync').catch(() => undefined);
  let before = cpuTimes();
  if (!before) return { waitedMs: performance.now() - started, idle: false };
  while (performance.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const after = cpuTimes();
    if (!after) break;
    const total = after.total - before.total;
    const busy = total - (after.idle - before.idle) - (after.iowait - before.iowait);
    if (total > 0 && busy / total <= MAX_BUSY && (after.iowait - before.iowait) / total <= MAX_IOWAIT) {
      return { waitedMs: performance.now() - started, idle: true };
    }
    before = after;
  }
  return { waitedMs: performance.now() - started, idle: false };
}

/** For a figure's details: how long each round waited for the machine, and how many rounds started before it was idle. */
export function settleDetails(waits: readonly Settled[]): { settleMs: number[]; roundsStartedBusy: number } {
  return { settleMs: waits.map((w) => Math.round(w.waitedMs)), roundsStartedBusy: waits.filter((w) => !w.idle).length };
}
