// The `bulk` figures: an access list applied to every file of a 10,000-file folder, and a clean-up deleting 10,000
// Twilio media, each against the sandbox, the app's way (bulk-worker.ts, its own process) against the same requests
// made by curl in parallel at the same concurrency (`curl --parallel --parallel-max N`, one process, a config file
// with one URL per item). Rounds alternate who goes first; the figure is the median time, with CPU times beside.
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LIBRARY_JOB_CONCURRENCY } from '../../main/app/runners/library-jobs.js';
import { RUN_CONCURRENCY } from '../../main/app/twilio-cleanup.js';
import type { Acl } from '../../main/common/library-acl.js';
import { LibraryClient } from '../../main/providers/library/index.js';
import { createTwilioClient } from '../../main/providers/twilio/index.js';
import { ROOT, runCommand, type ServerHandle } from './lib/children.js';
import { libraryAuthHeaders } from './lib/curl.js';
import type { LibrarySetup, TwilioSetup } from './lib/protocol.js';
import { countLabel, median, ratioOf, type Figure } from './lib/report.js';

export interface BulkContext {
  server: ServerHandle;
  work: string;
  quick: boolean;
  emit: (figure: Figure) => void;
}

interface Timed {
  ms: number;
  cpuMs: number | null;
}

const TIME = '/usr/bin/time';
const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

async function appRun(args: unknown, timeoutMs: number): Promise<Timed & { items: number; failed: number }> {
  const run = await runCommand(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test', 'bench', 'bulk-worker.ts'), JSON.stringify(args)], { timeoutMs });
  if (run.code !== 0) throw new Error(`bulk worker failed: ${run.stderr.trim().slice(-500)}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Timed & { items: number; failed: number };
}

/** curl with one URL per item in a config file, `parallel` transfers at once; its wall time and CPU time. */
async function curlParallel(config: string, extra: string[], parallel: number, timeoutMs: number): Promise<Timed & { statuses: Map<number, number> }> {
  const args = ['--parallel', '--parallel-max', String(parallel), '--parallel-immediate', '-s', '-w', '%{http_code}\n', ...extra, '-K', config];
  const timed = (await fsp.stat(TIME).then(() => true, () => false)) ? [TIME, ['-f', 'bench-cpu %U %S', 'curl', ...args]] as const : ['curl', args] as const;
  const run = await runCommand(timed[0], [...timed[1]], { timeoutMs });
  const cpu = /^bench-cpu ([\d.]+) ([\d.]+)$/m.exec(run.stderr);
  const statuses = new Map<number, number>();
  for (const line of run.stdout.split('\n')) if (/^\d{3}$/.test(line)) statuses.set(Number(line), (statuses.get(Number(line)) ?? 0) + 1);
  return { ms: run.ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null, statuses };
}

function okCount(statuses: Map<number, number>, ok: number[]): number {
  return ok.reduce((n, s) => n + (statuses.get(s) ?? 0), 0);
}

/** Alternates who goes first; each side's runs in order. */
async function alternate(rounds: number, app: () => Promise<Timed>, ref: () => Promise<Timed>): Promise<{ app: Timed[]; ref: Timed[] }> {
  const out = { app: [] as Timed[], ref: [] as Timed[] };
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      out.app.push(await app());
      out.ref.push(await ref());
    } else {
      out.ref.push(await ref());
      out.app.push(await app());
    }
  }
  return out;
}

function figure(ctx: BulkContext, name: string, method: string, runs: { app: Timed[]; ref: Timed[] }, extra: Record<string, unknown>): void {
  const appMs = median(runs.app.map((r) => r.ms));
  const refMs = median(runs.ref.map((r) => r.ms));
  const cpu = (list: Timed[]) => list.map((r) => (r.cpuMs === null ? null : round(r.cpuMs, 0)));
  const appCpu = runs.app.every((r) => r.cpuMs !== null) ? median(runs.app.map((r) => r.cpuMs as number)) : null;
  const refCpu = runs.ref.every((r) => r.cpuMs !== null) ? median(runs.ref.map((r) => r.cpuMs as number)) : null;
  const ratio = ratioOf(appMs, refMs);
  const cpuRatio = ratioOf(appCpu, refCpu);
  ctx.emit({
    name,
    figure: name.replace(/\.\d+k$/, '.10k'),
    unit: 'ms',
    app: round(appMs),
    ref: round(refMs),
    ratio: ratio === null ? null : round(ratio, 3),
    details: { method, cpuRatio: cpuRatio === null ? null : round(cpuRatio, 3), appMs: runs.app.map((r) => round(r.ms)), refMs: runs.ref.map((r) => round(r.ms)), appCpuMs: cpu(runs.app), refCpuMs: cpu(runs.ref), loadAverage: round(os.loadavg()[0] ?? 0, 2), ...extra },
  });
}

async function aclFigure(ctx: BulkContext, count: number, rounds: number): Promise<void> {
  const l = ctx.server.accounts.library;
  const setup: LibrarySetup = { serverUrl: ctx.server.sandboxUrl, domain: l.domain, userId: l.userId, appId: l.appId, password: l.password };
  const folder = `bulk-acl-${countLabel(count)}`;
  await ctx.server.call({ cmd: 'seedFiles', folder, count }, 600_000);
  const files = (await new LibraryClient(setup).getFolder(folder)).files.map((f) => f.name);
  if (files.length !== count) throw new Error(`the folder holds ${files.length} files, ${count} expected`);
  const config = path.join(ctx.work, 'bulk-acl.curlrc');
  const base = `${setup.serverUrl.replace(/\/$/, '')}/rest/1.0/media/${encodeURIComponent(setup.domain)}/${encodeURIComponent(folder)}`;
  await fsp.writeFile(config, files.map((f) => `url = "${base}/${encodeURIComponent(f)}/acl"\noutput = "/dev/null"\n`).join(''));
  // Two lists taken in turn, so that every round really changes every file.
  const lists: Acl[] = [
    { readUsers: [l.userId, l.otherUser.userId], readApps: [], writeUsers: [l.userId], writeApps: [] },
    { readUsers: [l.userId], readApps: [l.appId], writeUsers: [l.userId], writeApps: [] },
  ];
  let turn = 0;
  const timeout = 60_000 + count * 200;
  const runs = await alternate(
    rounds,
    async () => {
      const r = await appRun({ kind: 'acl', setup, folder, acl: lists[turn++ % 2] }, timeout);
      if (r.items !== count || r.failed !== 0) throw new Error(`the app saved ${r.items - r.failed} of ${count} access lists`);
      return r;
    },
    async () => {
      const body = path.join(ctx.work, 'bulk-acl.json');
      const acl = lists[turn++ % 2] as Acl;
      await fsp.writeFile(body, JSON.stringify({ readUsers: acl.readUsers, readApps: acl.readApps, writeUsers: acl.writeUsers, writeApps: acl.writeApps }));
      const r = await curlParallel(config, ['-X', 'PUT', '-H', 'Content-Type: application/json', '-H', 'Accept: application/json', '--data-binary', `@${body}`, ...libraryAuthHeaders(setup)], LIBRARY_JOB_CONCURRENCY, timeout);
      const ok = okCount(r.statuses, [200, 202, 204]);
      if (ok !== count) throw new Error(`curl saved ${ok} of ${count} access lists (${JSON.stringify([...r.statuses])})`);
      return r;
    },
  );
  figure(ctx, `bulk.acl.${countLabel(count)}`, `applyAclToMany over the ${count} files of one folder (the library job's way: getFolder first, concurrency ${LIBRARY_JOB_CONCURRENCY}, saves finish in flight) in a fresh process vs curl --parallel --parallel-max ${LIBRARY_JOB_CONCURRENCY} PUT …/acl with the same JSON body and credentials; median of ${rounds} alternating rounds, wall times (curl's includes its process start)`, runs, {});
}

async function cleanupFigure(ctx: BulkContext, count: number, rounds: number): Promise<void> {
  const t = ctx.server.accounts.twilio;
  const seed = async (): Promise<TwilioSetup> => {
    const seeded = (await ctx.server.call({ cmd: 'seedMedia', count }, 600_000)) as { messageSid: string; count: number };
    return { baseUrl: t.baseUrl, accountSid: t.accountSid, authToken: t.authToken, messageSid: seeded.messageSid };
  };
  const timeout = 60_000 + count * 200;
  const runs = await alternate(
    rounds,
    async () => {
      const setup = await seed();
      const r = await appRun({ kind: 'cleanup', setup }, timeout);
      if (r.items < count || r.failed !== 0) throw new Error(`the app deleted ${r.items - r.failed} media, ${count} expected`);
      return r;
    },
    async () => {
      const setup = await seed();
      const client = createTwilioClient({ baseUrl: setup.baseUrl, accountSid: setup.accountSid, credential: { kind: 'authToken', authToken: setup.authToken } });
      const sids: string[] = [];
      for await (const media of client.iterateMedia(setup.messageSid, { pageSize: 1000 })) if (media.sid) sids.push(media.sid);
      const config = path.join(ctx.work, 'bulk-cleanup.curlrc');
      const base = `${setup.baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${setup.accountSid}/Messages/${setup.messageSid}/Media`;
      await fsp.writeFile(config, sids.map((sid) => `url = "${base}/${sid}.json"\noutput = "/dev/null"\n`).join(''));
      const r = await curlParallel(config, ['-X', 'DELETE', '-H', 'Accept: application/json', '-u', `${setup.accountSid}:${setup.authToken}`], RUN_CONCURRENCY, timeout);
      const ok = okCount(r.statuses, [204, 200]);
      if (ok !== sids.length || sids.length < count) throw new Error(`curl deleted ${ok} of ${sids.length} media (${JSON.stringify([...r.statuses])})`);
      return r;
    },
  );
  figure(ctx, `bulk.cleanup.${countLabel(count)}`, `runCleanup over ${count} media of one message (plan made before the clock, concurrency ${RUN_CONCURRENCY}, as the clean-up runs) in a fresh process vs curl --parallel --parallel-max ${RUN_CONCURRENCY} DELETE …/Media/{sid}.json with the same credentials; the media are seeded again before each run; median of ${rounds} alternating rounds`, runs, {});
}

export async function bulkFigures(ctx: BulkContext): Promise<void> {
  const count = ctx.quick ? 1000 : 10_000;
  const rounds = ctx.quick ? 2 : 5;
  await aclFigure(ctx, count, rounds);
  await cleanupFigure(ctx, count, rounds);
}
