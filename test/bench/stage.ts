// `stage.browser-host`: a large file added in the browser host's upload view (Chromium, through the view's own file
// input, as a drop hands it over) until the view lists it as checked and ready to queue, against curl posting the
// same file to the same host's /api/stage with the same session. The app's time includes the page reading the file
// and the check of its bytes; curl's is its own time_total for the staging request alone.
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { signIn, startHost } from './lib/browser.js';
import { runCommand } from './lib/children.js';
import { settle, settleDetails, type Settled } from './lib/settle.js';
import { median, MiB, ratioOf, sizeLabel, type Figure } from './lib/report.js';

export interface StageContext {
  browser: Browser;
  /** The benchmark's sink (its own process): serves the ceiling page and discards what is posted to it. */
  sinkUrl: string;
  work: string;
  file: string;
  size: number;
  rounds: number;
}

interface Round {
  appMs: number;
  refMs: number;
  refCpuMs?: number;
  ceilingMs: number;
}

const GENERIC_ACCOUNT = /Sandbox upload/;

/** Stages the file through the view, in a fresh page each time: setInputFiles → the item shows as checked. */
async function appRound(browser: Browser, session: Awaited<ReturnType<typeof signIn>>, file: string, timeoutMs: number): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState: session.storageState });
  try {
    const page = await context.newPage();
    await page.goto(session.origin);
    await page.getByRole('navigation', { name: 'Accounts and tools' }).getByRole('button', { name: GENERIC_ACCOUNT }).click();
    await page.getByRole('heading', { name: GENERIC_ACCOUNT }).waitFor();
    const started = performance.now();
    await page.getByTestId('file-input').setInputFiles(file);
    const item = page.locator('.pending-list li').first();
    await item.locator('text=/MP4 video/').waitFor({ timeout: timeoutMs });
    const ms = performance.now() - started;
    if ((await page.locator('.pending-list .pending-ready').count()) !== 1) throw new Error(`the staged file was not ready: ${await item.textContent()}`);
    return ms;
  } finally {
    await context.close();
  }
}

/**
 * The ceiling: the same Chromium posting the same picked file as a form (as the upload view does) to a server that
 * only reads and discards it, timed inside the page from the fetch to its answer. No page can stage faster; when
 * this is below 0.8× curl, so is every page.
 */
async function ceilingRound(browser: Browser, sinkUrl: string, file: string, timeoutMs: number): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${sinkUrl}/ceiling`);
    await page.locator('#file').setInputFiles(file);
    return await page.evaluate(
      async ({ limit }) => {
        // Runs in the page; this project type-checks without the DOM library, so it describes what it touches.
        const doc = (globalThis as unknown as { document: { getElementById(id: string): { files: ArrayLike<Blob> } } }).document;
        const picked = doc.getElementById('file').files[0];
        if (!picked) throw new Error('no file on the input');
        const form = new FormData();
        form.append('file', picked);
        const started = performance.now();
        const answer = await fetch('/discard', { method: 'POST', body: form, signal: AbortSignal.timeout(limit) });
        await answer.text();
        if (!answer.ok) throw new Error(`the sink answered ${answer.status}`);
        return performance.now() - started;
      },
      { limit: timeoutMs },
    );
  } finally {
    await context.close();
  }
}

/** curl -X POST -T file to the host's staging endpoint with the page's session cookie. */
async function curlRound(session: Awaited<ReturnType<typeof signIn>>, file: string, timeoutMs: number): Promise<{ ms: number; cpuMs?: number }> {
  const state = session.storageState;
  const cookies = typeof state === 'object' && state !== null ? state.cookies : [];
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const args = ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{time_total}', '-H', `Cookie: ${cookie}`, '-H', 'Content-Type: application/octet-stream', '-X', 'POST', '-T', file, `${session.origin}/api/stage?name=bench.mp4`];
  const run = await runCommand('/usr/bin/time', ['-f', 'bench-cpu %U %S', 'curl', ...args], { timeoutMs });
  const [status, seconds] = run.stdout.trim().split(/\s+/);
  if (run.code !== 0 || status !== '200') throw new Error(`curl's staging failed (exit ${run.code}, HTTP ${status ?? '?'}): ${run.stderr.trim().slice(0, 300)}`);
  const cpu = /^bench-cpu ([\d.]+) ([\d.]+)$/m.exec(run.stderr);
  return { ms: Number(seconds) * 1000, ...(cpu ? { cpuMs: (Number(cpu[1]) + Number(cpu[2])) * 1000 } : {}) };
}

/** stage.browser-host, then stage.browser-host.ceiling (Chromium to a discarding sink against the same curl runs). */
export async function stageFigures(ctx: StageContext, judge: (ratio: number | null) => Figure['target']): Promise<Figure[]> {
  const dataDir = await fsp.mkdtemp(path.join(ctx.work, 'host-stage-'));
  const host = await startHost(dataDir, performance.now());
  const timeoutMs = 60_000 + (ctx.size / MiB) * 200;
  const rounds: Round[] = [];
  const waits: Settled[] = [];
  try {
    const session = await signIn(ctx.browser, host.url);
    for (let i = 0; i < ctx.rounds; i++) {
      // Alternate who goes first; the staged copies are removed between rounds (the host keeps them for the session).
      const order = i % 2 === 0 ? (['app', 'ref', 'ceiling'] as const) : (['ceiling', 'ref', 'app'] as const);
      const round: Partial<Round> = {};
      for (const side of order) {
        waits.push(await settle());
        if (side === 'app') round.appMs = await appRound(ctx.browser, session, ctx.file, timeoutMs);
        else if (side === 'ceiling') round.ceilingMs = await ceilingRound(ctx.browser, ctx.sinkUrl, ctx.file, timeoutMs);
        else {
          const ref = await curlRound(session, ctx.file, timeoutMs);
          round.refMs = ref.ms;
          if (ref.cpuMs !== undefined) round.refCpuMs = ref.cpuMs;
        }
        await fsp.rm(path.join(dataDir, 'staging'), { recursive: true, force: true }).then(() => fsp.mkdir(path.join(dataDir, 'staging'), { recursive: true, mode: 0o700 }));
      }
      rounds.push(round as Round);
    }
  } finally {
    await host.stop();
    await fsp.rm(dataDir, { recursive: true, force: true });
  }
  const rate = (ms: number): number => ctx.size / MiB / (ms / 1000);
  const appRate = rate(median(rounds.map((r) => r.appMs)));
  const refRate = rate(median(rounds.map((r) => r.refMs)));
  const ratio = ratioOf(appRate, refRate);
  const ceilingRate = rate(median(rounds.map((r) => r.ceilingMs)));
  const name = `stage.browser-host${ctx.size === 1024 * MiB ? '' : `.${sizeLabel(ctx.size)}`}`;
  const staged: Figure = {
    name,
    figure: 'stage.browser-host',
    unit: 'MiB/s',
    app: Number(appRate.toFixed(1)),
    ref: Number(refRate.toFixed(1)),
    ratio: ratio === null ? null : Number(ratio.toFixed(3)),
    target: judge(ratio),
    details: {
      method: `a ${sizeLabel(ctx.size)} MP4 set on the upload view's file input in Chromium until the view lists it as a checked MP4 (staged over HTTP, then its bytes checked), vs curl -X POST -T of the same file to the same host's /api/stage with the same session cookie; median of ${rounds.length} alternating rounds, a fresh page each`,
      appMs: rounds.map((r) => Math.round(r.appMs)),
      refMs: rounds.map((r) => Math.round(r.refMs)),
      refCpuMs: rounds.map((r) => (r.refCpuMs === undefined ? null : Math.round(r.refCpuMs))),
      ...settleDetails(waits),
    },
  };
  const ceilingRatio = ratioOf(ceilingRate, refRate);
  const ceiling: Figure = {
    name: `${name}.ceiling`,
    figure: 'stage.browser-host.ceiling',
    unit: 'MiB/s',
    app: Number(ceilingRate.toFixed(1)),
    ref: Number(refRate.toFixed(1)),
    ratio: ceilingRatio === null ? null : Number(ceilingRatio.toFixed(3)),
    details: {
      method: `the most a page can reach: the same Chromium posting the same picked file as a form (FormData holding the File, one fetch, as the upload view stages it) to the benchmark's sink, which neither parses nor stores it, timed in the page from the fetch to its answer; against the same curl rounds as ${name}; median of ${rounds.length} rounds`,
      ceilingMs: rounds.map((r) => Math.round(r.ceilingMs)),
      appOverCeiling: ratioOf(appRate, ceilingRate) === null ? null : Number((appRate / ceilingRate).toFixed(3)),
    },
  };
  return [staged, ceiling];
}
