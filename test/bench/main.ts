// `npm run bench`: the app's own code paths against curl and the official twilio SDK, in one run, on one machine,
// against one sandbox. Prints `BENCH <name> app=… ref=… ratio=…` per figure, writes bench-results.json.
// Started by test/bench/run.mjs (`node --import tsx test/bench/main.ts [--quick] [--only=a,b]`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser } from 'playwright-core';
import { AppError } from '../../main/common/errors.js';
import { LibraryClient } from '../../main/providers/library/index.js';
import { chromiumPath, launchChromium, measureRender, measureStartup, signIn, startHost, type RenderOutcome, type StartupRun } from './lib/browser.js';
import { ROOT, killAllChildrenNow, runCommand, runWorker, startServerProcess, stopAllChildren, type ServerHandle } from './lib/children.js';
import { curlGenericUpload, curlLibraryUpload, curlLibraryUploadStreamed, xargsCurlUploads, type CurlRun } from './lib/curl.js';
import { makeJpegs, makeMp4, warmPageCache } from './lib/media-files.js';
import { settle, settleDetails, type Settled } from './lib/settle.js';
import { stageFigures } from './stage.js';
import type { GenericUploadSetup, LibrarySetup, TwilioSetup } from './lib/protocol.js';
import { ServerCosts } from './lib/server-cost.js';
import { bulkFigures } from './bulk.js';
import { plainNodeFigure } from './plain-node.js';
import { benchLine, countLabel, cpuFigure, GiB, median, MiB, ratioOf, sizeLabel, type Figure } from './lib/report.js';

const KiB = 1024;
/** A 1-minute load average above this when the run starts makes it say that the machine was busy. */
const BUSY_LOAD = 1.5;

// ---------------------------------------------------------------------------------------------------------------
// Sizes

interface Sizes {
  mode: 'full' | 'quick';
  upload: number;
  uploadRounds: number;
  queueFiles: number;
  queueFileSize: number;
  queueRounds: number;
  concurrency: number;
  listFiles: number;
  listRuns: number;
  twilioMedia: number;
  twilioPageSize: number;
  twilioRounds: number;
  checkRuns: number;
  startupRuns: number;
  renderRuns: number;
  /** The whole run stops by itself after this long. */
  deadlineMs: number;
}

const FULL: Sizes = {
  mode: 'full',
  upload: GiB,
  uploadRounds: 7,
  queueFiles: 200,
  queueFileSize: 2 * MiB,
  queueRounds: 3,
  concurrency: 4,
  listFiles: 10_000,
  listRuns: 11,
  twilioMedia: 10_000,
  twilioPageSize: 1000,
  twilioRounds: 5,
  checkRuns: 5,
  startupRuns: 3,
  renderRuns: 3,
  deadlineMs: 30 * 60_000,
};

const QUICK: Sizes = {
  mode: 'quick',
  upload: 64 * MiB,
  uploadRounds: 2,
  queueFiles: 20,
  queueFileSize: 2 * MiB,
  queueRounds: 2,
  concurrency: 4,
  listFiles: 1000,
  listRuns: 4,
  twilioMedia: 1000,
  twilioPageSize: 100,
  twilioRounds: 3,
  checkRuns: 3,
  startupRuns: 1,
  renderRuns: 1,
  deadlineMs: 8 * 60_000,
};

const ALL_FIGURES = ['renderer.bundle', 'check', 'upload.generic', 'upload.library', 'queue', 'library.list', 'twilio.list', 'startup.browser-host', 'stage.browser-host', 'library.render', 'bulk'] as const;
type FigureGroup = (typeof ALL_FIGURES)[number];

// ---------------------------------------------------------------------------------------------------------------
// Output

const figures: Figure[] = [];
/** Targets are stated for the full sizes: a --quick run reports them without judging (met: null). */
let judgeTargets = true;

function emit(figure: Figure): void {
  if (!judgeTargets && figure.target) figure.target = { ...figure.target, met: null };
  figures.push(figure);
  console.log(benchLine(figure));
}

function note(text: string): void {
  process.stderr.write(`# ${text}\n`);
}

const round1 = (n: number, digits = 1): number => Number(n.toFixed(digits));
const throughput = (bytes: number, ms: number): number => bytes / MiB / (ms / 1000);

function target(text: string, met: boolean | null): Figure['target'] {
  return { text, met };
}

// ---------------------------------------------------------------------------------------------------------------
// The run's context

interface Context {
  sizes: Sizes;
  work: string;
  server: ServerHandle;
  serverDataDir: string;
  mp4: string;
  browser?: Browser;
  chromium?: string;
}

function genericSetup(ctx: Context, baseUrl: string): GenericUploadSetup {
  const g = ctx.server.accounts.generic;
  // The sandbox's demo template without its precheck and reference send: the upload itself, the request curl makes.
  return {
    settings: {
      genericMediaUploadUrl: `${baseUrl}/generic/upload`,
      genericMediaUploadMethod: g.settings.genericMediaUploadMethod,
      genericMediaUploadMultipartData: g.settings.genericMediaUploadMultipartData,
      genericMediaUploadCustomHeaders: g.settings.genericMediaUploadCustomHeaders,
    },
    username: g.username,
    password: g.password,
    recipient: '+15551230001',
    description: 'Media Desk benchmark',
  };
}

function librarySetup(ctx: Context, serverUrl: string): LibrarySetup {
  const l = ctx.server.accounts.library;
  return { serverUrl, domain: l.domain, userId: l.userId, appId: l.appId, password: l.password };
}

/** Uploaded media the sandbox keeps (1 GiB each): removed after each upload so the disk does not fill up. */
async function clearGenericMedia(ctx: Context): Promise<void> {
  const dir = path.join(ctx.serverDataDir, 'generic', 'media');
  for (const name of await fsp.readdir(dir).catch(() => [] as string[])) {
    if (/^[0-9a-f]{32}\.(jpg|mp4)$/.test(name)) await fsp.rm(path.join(dir, name), { force: true });
  }
}

/**
 * The disk's own time for what the sandbox would do with an upload if it kept its files on this disk: dd writing the
 * file next to the source and fsyncing it, taken right before the sandbox rounds. It is why the sandbox keeps its
 * files in memory here (memoryDir): on this disk both clients waited for it, 2.0-2.8 s for 1 GiB, and their ratio
 * at the sandbox was the disk's jitter, not the clients'.
 */
async function diskFloorMs(ctx: Context): Promise<number | null> {
  const out = path.join(ctx.work, 'disk-floor.bin');
  try {
    await settle();
    const run = await runCommand('dd', [`if=${ctx.mp4}`, `of=${out}`, 'bs=1M', 'conv=fsync', 'status=none'], { timeoutMs: uploadTimeout(ctx.sizes.upload) });
    return run.code === 0 ? round1(run.ms, 0) : null;
  } catch {
    return null;
  } finally {
    await fsp.rm(out, { force: true });
  }
}

const MEMORY_FS = '/dev/shm';

/**
 * A folder in memory (tmpfs) for the sandbox's data when there is room for `bytes`, else null (the disk is used and
 * the run says so). The sandbox stores and fsyncs every upload; on a disk that makes the disk the slowest part, and
 * the upload figures at the sandbox would compare two clients waiting for it.
 */
async function memoryDir(bytes: number): Promise<string | null> {
  try {
    if ((await freeBytes(MEMORY_FS)) < bytes) return null;
    return await fsp.mkdtemp(path.join(MEMORY_FS, 'media-desk-bench-'));
  } catch {
    return null;
  }
}

function uploadTimeout(bytes: number): number {
  return 60_000 + (bytes / MiB) * 200; // 200 ms per MiB on top of a minute: far beyond any sane loopback speed
}

// ---------------------------------------------------------------------------------------------------------------
// Figures

/**
 * What a start loads: the page's entry script and the chunks it preloads (index.html), gzip -9. Views and the
 * Japanese catalogue are chunks of their own, loaded when first needed; their sizes are in the details, and the
 * total of every chunk too.
 */
async function rendererBundle(): Promise<void> {
  const dir = path.join(ROOT, 'dist', 'renderer', 'assets');
  const files = (await fsp.readdir(dir)).filter((f) => f.endsWith('.js'));
  if (files.length === 0) throw new Error('no JavaScript in dist/renderer/assets (did the build run?)');
  const page = await fsp.readFile(path.join(ROOT, 'dist', 'renderer', 'index.html'), 'utf8');
  const atStart = new Set([...page.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1] ?? ''));
  if (atStart.size === 0) throw new Error('index.html names no script in assets/');
  let startGz = 0;
  let totalGz = 0;
  let raw = 0;
  const perFile: Record<string, { bytes: number; gzip: number; atStart: boolean }> = {};
  for (const file of files) {
    const bytes = await fsp.readFile(path.join(dir, file));
    const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
    perFile[file] = { bytes: bytes.length, gzip, atStart: atStart.has(file) };
    totalGz += gzip;
    if (atStart.has(file)) {
      startGz += gzip;
      raw += bytes.length;
    }
  }
  const kib = startGz / KiB;
  emit({
    name: 'renderer.bundle',
    figure: 'renderer.bundle',
    unit: 'KiB',
    app: round1(kib),
    ref: null,
    ratio: null,
    target: target('≤ 200 KiB gzip at start', kib <= 200),
    details: {
      method: "sum of gzip -9 sizes of the scripts index.html loads (the entry and its modulepreloads); views and the Japanese catalogue load later",
      rawKiB: round1(raw / KiB),
      allChunksGzipKiB: round1(totalGz / KiB),
      files: perFile,
    },
  });
}

async function checkFigures(ctx: Context): Promise<void> {
  const out = await runWorker<{ runsMs: number[]; bytesRead: number[]; result: unknown; size: number; calibration: unknown }>('check', { file: ctx.mp4, runs: ctx.sizes.checkRuns }, 120_000);
  const r = out.result;
  const label = sizeLabel(r.size);
  const maxRead = Math.max(...r.bytesRead);
  emit({
    name: `check.${label}`,
    figure: 'check.1GiB',
    unit: 'ms',
    app: round1(median(r.runsMs), 2),
    ref: null,
    ratio: null,
    details: { method: `checkMediaFile on a ${label} MP4, median of ${r.runsMs.length} runs in a fresh process`, runsMs: r.runsMs.map((v) => round1(v, 2)), result: r.result },
  });
  emit({
    name: `check.${label}.read`,
    figure: 'check.1GiB',
    unit: 'KiB',
    app: round1(maxRead / KiB),
    ref: null,
    ratio: null,
    target: target('≤ 64 KiB read', maxRead <= 64 * KiB),
    details: { method: 'bytes read through node:fs / node:fs/promises during the call (read spy, see lib/read-spy.ts)', bytesRead: r.bytesRead, spyCalibration: r.calibration },
  });
}

interface UploadWorkerResult {
  ms: number;
  cpuMs: number;
  bytes: number;
  growth?: number;
  rssBefore?: number;
  peakRss?: number;
  peakReset: boolean;
}

async function uploadGenericFigures(ctx: Context): Promise<void> {
  const size = ctx.sizes.upload;
  const label = sizeLabel(size);
  const timeout = uploadTimeout(size);
  for (const target_ of [
    { key: 'sandbox', url: ctx.server.sandboxUrl },
    { key: 'sink', url: ctx.server.sinkUrl },
  ] as const) {
    const setup = genericSetup(ctx, target_.url);
    const floorMs = target_.key === 'sandbox' ? await diskFloorMs(ctx) : null;
    const app: UploadWorkerResult[] = [];
    const sampled: Array<{ start?: number; peak?: number }> = [];
    const memoryRound: UploadWorkerResult[] = [];
    const ref: CurlRun[] = [];
    const waits: Settled[] = [];
    const serverCosts = new ServerCosts(target_.key === 'sandbox' ? ctx.server : null);
    for (let round = 0; round < ctx.sizes.uploadRounds; round++) {
      const runApp = async (): Promise<void> => {
        waits.push(await settle());
        const out = await serverCosts.measure('app', () => runWorker<UploadWorkerResult>('upload-generic', { setup, file: ctx.mp4, name: 'bench.mp4' }, timeout));
        app.push(out.result);
        await clearGenericMedia(ctx);
      };
      const runCurl = async (): Promise<void> => {
        waits.push(await settle());
        const run = await serverCosts.measure('ref', () => curlGenericUpload(`${target_.url}/generic/upload`, setup, ctx.mp4, 'bench.mp4', size, 'video/mp4', timeout));
        if (run.status !== 200) throw new Error(`curl's upload was answered ${run.status}`);
        ref.push(run);
        await clearGenericMedia(ctx);
      };
      // Alternate who goes first, so a drift of the machine during the run does not favour either.
      if (round % 2 === 0) {
        await runApp();
        await runCurl();
      } else {
        await runCurl();
        await runApp();
      }
    }
    const isSandbox = target_.key === 'sandbox';
    if (isSandbox) {
      // The memory cross-check samples the worker's RSS from outside every 5 ms, which costs this process CPU time
      // that curl's rounds do not pay: it gets an upload of its own, after the timed rounds and not counted in them.
      const out = await runWorker<UploadWorkerResult>('upload-generic', { setup, file: ctx.mp4, name: 'bench.mp4' }, timeout, { sampleRss: true });
      memoryRound.push(out.result);
      sampled.push({ ...(out.sampledRssAtStart !== undefined ? { start: out.sampledRssAtStart } : {}), ...(out.sampledPeakRss !== undefined ? { peak: out.sampledPeakRss } : {}) });
      await clearGenericMedia(ctx);
    }
    const appRate = throughput(size, median(app.map((a) => a.ms)));
    const refRate = throughput(size, median(ref.map((r) => r.ms)));
    const ratio = ratioOf(appRate, refRate);
    emit({
      name: `upload.generic.${label}${isSandbox ? '' : '.sink'}`,
      figure: 'upload.generic.1GiB',
      unit: 'MiB/s',
      app: round1(appRate),
      ref: round1(refRate),
      ratio: ratio === null ? null : round1(ratio, 3),
      cpu: cpuFigure(app.map((a) => a.cpuMs), ref.map((r) => r.cpuMs), size / GiB, 'ms/GiB'),
      target: target('ratio ≥ 1.0', ratio === null ? null : ratio >= 1.0),
      details: {
        method: isSandbox
          ? `uploadGenericMedia (upload template of the sandbox account) vs curl -F with the same parts, ${label} MP4 (in the page cache) to the sandbox, median of ${ctx.sizes.uploadRounds} alternating rounds; app in a fresh worker process per round, curl's own time_total`
          : `the same two clients to a server that reads and discards the body (no multipart parsing, no disk): the clients' own cost`,
        appMs: app.map((a) => round1(a.ms)),
        refMs: ref.map((r) => round1(r.ms)),
        refWallMs: ref.map((r) => round1(r.wallMs)),
        appCpuMs: app.map((a) => round1(a.cpuMs, 0)),
        refCpuMs: ref.map((r) => (r.cpuMs === undefined ? null : round1(r.cpuMs, 0))),
        ...settleDetails(waits),
        ...serverCosts.details(),
        ...(floorMs !== null ? { diskFloorMs: floorMs } : {}),
      },
    });
    if (isSandbox) {
      const growths = [...app, ...memoryRound].map((a) => a.growth).filter((g): g is number => g !== undefined);
      const sampledGrowth = sampled.map((s) => (s.start !== undefined && s.peak !== undefined ? Math.max(0, s.peak - s.start) : undefined)).filter((g): g is number => g !== undefined);
      const peak = growths.length > 0 ? Math.max(...growths) : sampledGrowth.length > 0 ? Math.max(...sampledGrowth) : null;
      const mib = peak === null ? null : peak / MiB;
      emit({
        name: 'upload.generic.rss',
        figure: 'upload.generic.rss',
        unit: 'MiB',
        app: mib === null ? null : round1(mib),
        ref: null,
        ratio: null,
        target: target('≤ 64 MiB', mib === null ? null : mib <= 64),
        details: {
          method: `peak RSS growth of the worker process during uploadGenericMedia of ${label}: VmHWM (reset through /proc/self/clear_refs before) − VmRSS before; worst of ${growths.length} runs`,
          growthMiB: growths.map((g) => round1(g / MiB)),
          rssBeforeMiB: app.map((a) => (a.rssBefore === undefined ? null : round1(a.rssBefore / MiB))),
          peakRssMiB: app.map((a) => (a.peakRss === undefined ? null : round1(a.peakRss / MiB))),
          sampledEvery5msGrowthMiB: sampledGrowth.map((g) => round1(g / MiB)),
          sampledIn: 'one more upload after the timed rounds, not counted in them',
        },
      });
    }
  }
}

async function ensureFolder(client: LibraryClient, folder: string): Promise<void> {
  try {
    await client.createFolder(folder);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'conflict')) throw err;
  }
}

async function uploadLibraryFigures(ctx: Context): Promise<void> {
  const size = ctx.sizes.upload;
  const label = sizeLabel(size);
  const timeout = uploadTimeout(size);
  const folder = 'bench-upload';
  for (const target_ of [
    { key: 'sandbox', url: ctx.server.sandboxUrl },
    { key: 'sink', url: ctx.server.sinkUrl },
  ] as const) {
    const setup = librarySetup(ctx, target_.url);
    const isSandbox = target_.key === 'sandbox';
    const floorMs = isSandbox ? await diskFloorMs(ctx) : null;
    const client = new LibraryClient(setup);
    if (isSandbox) await ensureFolder(client, folder);
    const fileUrl = (name: string): string => `${setup.serverUrl}/rest/1.0/media/${encodeURIComponent(setup.domain)}/${folder}/${name}`;
    const app: UploadWorkerResult[] = [];
    const ref: CurlRun[] = [];
    const node: UploadWorkerResult[] = [];
    const waits: Settled[] = [];
    // The issue names `curl --data-binary @file`; curl loads that file into memory and refuses one of 1 GiB, so the
    // reference is the same request streamed (`curl -X POST -T file`). What --data-binary does is recorded once.
    let dataBinary: Record<string, unknown> | undefined;
    if (isSandbox) {
      try {
        const run = await curlLibraryUpload(fileUrl('curl-data-binary.mp4'), setup, ctx.mp4, timeout);
        dataBinary = { status: run.status, ms: round1(run.ms), throughputMiBs: round1(throughput(size, run.ms)), ...(run.cpuMs !== undefined ? { cpuMs: round1(run.cpuMs, 0) } : {}) };
        if (run.status >= 200 && run.status <= 299) await client.deleteFile(folder, 'curl-data-binary.mp4');
      } catch (err) {
        dataBinary = { error: err instanceof Error ? err.message.trim() : String(err) };
      }
    }
    const serverCosts = new ServerCosts(isSandbox ? ctx.server : null);
    for (let round = 0; round < ctx.sizes.uploadRounds; round++) {
      const runApp = async (): Promise<void> => {
        const name = `app-${round}.mp4`;
        waits.push(await settle());
        // The upload is deleted here, as curl's is, so that the server's cost of the round is the upload's alone.
        const out = await serverCosts.measure('app', () => runWorker<UploadWorkerResult>('upload-library', { setup, folder, name, file: ctx.mp4 }, timeout));
        app.push(out.result);
        if (isSandbox) await client.deleteFile(folder, name);
      };
      const runCurl = async (): Promise<void> => {
        const name = `curl-${round}.mp4`;
        waits.push(await settle());
        const run = await serverCosts.measure('ref', () => curlLibraryUploadStreamed(fileUrl(name), setup, ctx.mp4, timeout));
        if (run.status < 200 || run.status > 299) throw new Error(`curl's library upload was answered ${run.status}`);
        ref.push(run);
        if (isSandbox) await client.deleteFile(folder, name);
      };
      // Node's own sender, last in every round so that the app's and curl's rounds keep their order (plain-node.ts).
      const runNode = async (): Promise<void> => {
        const name = `node-${round}.mp4`;
        waits.push(await settle());
        node.push((await serverCosts.measure('node', () => runWorker<UploadWorkerResult>('upload-library-node', { setup, folder, name, file: ctx.mp4 }, timeout))).result);
        if (isSandbox) await client.deleteFile(folder, name);
      };
      if (round % 2 === 0) {
        await runApp();
        await runCurl();
      } else {
        await runCurl();
        await runApp();
      }
      await runNode();
    }
    const appRate = throughput(size, median(app.map((a) => a.ms)));
    const refRate = throughput(size, median(ref.map((r) => r.ms)));
    const ratio = ratioOf(appRate, refRate);
    emit({
      name: `upload.library.${label}${isSandbox ? '' : '.sink'}`,
      figure: 'upload.library.1GiB',
      unit: 'MiB/s',
      app: round1(appRate),
      ref: round1(refRate),
      ratio: ratio === null ? null : round1(ratio, 3),
      cpu: cpuFigure(app.map((a) => a.cpuMs), ref.map((r) => r.cpuMs), size / GiB, 'ms/GiB'),
      target: target('ratio ≥ 1.0', ratio === null ? null : ratio >= 1.0),
      details: {
        method: isSandbox
          ? `LibraryClient.uploadFile (GET, create, POST content) vs curl -X POST -T file with the same auth headers and Content-Type, ${label} (in the page cache) to the sandbox, median of ${ctx.sizes.uploadRounds} alternating rounds`
          : "the same two clients to a server that reads and discards the body (no disk): the clients' own cost",
        appMs: app.map((a) => round1(a.ms)),
        refMs: ref.map((r) => round1(r.ms)),
        refWallMs: ref.map((r) => round1(r.wallMs)),
        appCpuMs: app.map((a) => round1(a.cpuMs, 0)),
        refCpuMs: ref.map((r) => (r.cpuMs === undefined ? null : round1(r.cpuMs, 0))),
        appRssGrowthMiB: app.map((a) => (a.growth === undefined ? null : round1(a.growth / MiB))),
        ...settleDetails(waits),
        ...serverCosts.details(),
        ...(floorMs !== null ? { diskFloorMs: floorMs } : {}),
        ...(dataBinary ? { curlDataBinary: dataBinary } : {}),
      },
    });
    emit(plainNodeFigure(`upload.library.${label}${isSandbox ? '' : '.sink'}.node`, size, { node, ref, app }));
  }
}

async function queueFigure(ctx: Context): Promise<void> {
  const { queueFiles: count, queueFileSize: size, concurrency } = ctx.sizes;
  const files = await makeJpegs(path.join(ctx.work, 'jpegs'), count, size);
  await warmPageCache(files);
  const setup = genericSetup(ctx, ctx.server.sandboxUrl);
  const url = `${ctx.server.sandboxUrl}/generic/upload`;
  const timeout = 60_000 + count * 2_000;
  const app: Array<{ ms: number; cpuMs: number; done: number; failed: number; firstError?: string; perUpload: { median: number; max: number; sum: number } }> = [];
  const ref: number[] = [];
  const refCpu: Array<number | undefined> = [];
  const refPerUpload: number[] = [];
  try {
    for (let round = 0; round < ctx.sizes.queueRounds; round++) {
      const runApp = async (): Promise<void> => {
        const dataDir = await fsp.mkdtemp(path.join(ctx.work, 'queue-'));
        const out = await runWorker<{ ms: number; cpuMs: number; done: number; failed: number; firstError?: string; perUpload: { median: number; max: number; sum: number } }>('queue', { setup, files, concurrency, dataDir }, timeout);
        if (out.result.failed > 0) throw new Error(`${out.result.failed} of ${count} queued uploads failed: ${out.result.firstError ?? '?'}`);
        app.push(out.result);
        await clearGenericMedia(ctx);
        await fsp.rm(dataDir, { recursive: true, force: true });
      };
      const runXargs = async (): Promise<void> => {
        const run = await xargsCurlUploads(url, setup, files, size, concurrency, timeout);
        const ok = run.statuses.filter((s) => s === 200).length;
        if (ok !== count) throw new Error(`xargs curl: ${ok} of ${count} uploads answered 200 (${[...new Set(run.statuses)].join(', ')})`);
        ref.push(run.ms);
        refCpu.push(run.cpuMs);
        refPerUpload.push(...run.curlMs);
        await clearGenericMedia(ctx);
      };
      if (round % 2 === 0) {
        await runApp();
        await runXargs();
      } else {
        await runXargs();
        await runApp();
      }
    }
  } finally {
    await fsp.rm(path.join(ctx.work, 'jpegs'), { recursive: true, force: true });
  }
  const appMs = median(app.map((a) => a.ms));
  const refMs = median(ref);
  const ratio = ratioOf(appMs, refMs);
  emit({
    name: `queue.${count}x${sizeLabel(size)}`,
    figure: 'queue.200x2MiB',
    unit: 'ms',
    app: round1(appMs, 0),
    ref: round1(refMs, 0),
    ratio: ratio === null ? null : round1(ratio, 3),
    cpu: cpuFigure(app.map((a) => a.cpuMs), refCpu, 1, 'ms'),
    target: target('ratio of wall times ≤ 1.1', ratio === null ? null : ratio <= 1.1),
    details: {
      method: `${count} JPEGs of ${sizeLabel(size)} through TransferQueue (concurrency ${concurrency}, generic upload runner, upload template only) vs xargs -P${concurrency} curl -F of the same files; wall times, median of ${ctx.sizes.queueRounds} alternating rounds`,
      appMs: app.map((a) => round1(a.ms, 0)),
      refMs: ref.map((r) => round1(r, 0)),
      appCpuMs: app.map((a) => round1(a.cpuMs, 0)),
      refCpuMs: refCpu.map((v) => (v === undefined ? null : round1(v, 0))),
      appPerUploadMs: app.map((a) => a.perUpload),
      refPerUploadMs: { median: round1(median(refPerUpload)), max: round1(Math.max(...refPerUpload)), sum: round1(refPerUpload.reduce((a, b) => a + b, 0), 0) },
    },
  });
}

async function libraryListFigure(ctx: Context): Promise<void> {
  const count = ctx.sizes.listFiles;
  const folder = `bench-${countLabel(count)}`;
  const seeded = (await ctx.server.call({ cmd: 'seedFiles', folder, count })) as number;
  note(`seeded ${seeded} files in library folder ${folder}`);
  const setup = librarySetup(ctx, ctx.server.sandboxUrl);
  // The figure before (the queue) leaves files to write back and to delete: they are not this figure's time.
  const waited = await settle();
  const out = await runWorker<{ runsMs: number[]; cpuMs: number[]; files: number }>('library-list', { setup, folder, runs: ctx.sizes.listRuns }, 120_000);
  if (out.result.files !== count) throw new Error(`the listing had ${out.result.files} files, ${count} expected`);
  const [first, ...rest] = out.result.runsMs;
  const ms = median(rest.length > 0 ? rest : out.result.runsMs);
  emit({
    name: `library.list.${countLabel(count)}`,
    figure: 'library.list.10k',
    unit: 'ms',
    app: round1(ms),
    ref: null,
    ratio: null,
    target: target('≤ 100 ms', ms <= 100),
    details: {
      method: `LibraryClient.getFolder of a folder of ${count} files (request, JSON read, zod parse) in a fresh process: median of runs 2..${out.result.runsMs.length}; the first run (cold) is listed apart`,
      firstRunMs: first === undefined ? null : round1(first),
      runsMs: out.result.runsMs.map((v) => round1(v)),
      clientCpuMs: out.result.cpuMs.map((v) => round1(v)),
      ...settleDetails([waited]),
    },
  });
}

async function twilioListFigure(ctx: Context): Promise<void> {
  const count = ctx.sizes.twilioMedia;
  const seeded = (await ctx.server.call({ cmd: 'seedMedia', count })) as { messageSid: string; count: number };
  const t = ctx.server.accounts.twilio;
  const setup: TwilioSetup = { baseUrl: t.baseUrl, accountSid: t.accountSid, authToken: t.authToken, messageSid: seeded.messageSid };
  const out = await runWorker<{ appMs: number[]; sdkMs: number[]; appCpuMs: number[]; sdkCpuMs: number[]; appCount: number; sdkCount: number; sdkRequestsPerList: number }>(
    'twilio-list',
    { setup, pageSize: ctx.sizes.twilioPageSize, rounds: ctx.sizes.twilioRounds },
    300_000,
  );
  const r = out.result;
  if (r.appCount !== count || r.sdkCount !== count) throw new Error(`listed ${r.appCount} (app) and ${r.sdkCount} (SDK) media, ${count} expected`);
  const appMs = median(r.appMs);
  const refMs = median(r.sdkMs);
  const ratio = ratioOf(appMs, refMs);
  emit({
    name: `twilio.list.${countLabel(count)}`,
    figure: 'twilio.list.10k',
    unit: 'ms',
    app: round1(appMs),
    ref: round1(refMs),
    ratio: ratio === null ? null : round1(ratio, 3),
    cpu: cpuFigure(r.appCpuMs, r.sdkCpuMs, 1, 'ms'),
    target: target('ratio ≤ 0.9', ratio === null ? null : ratio <= 0.9),
    details: {
      method: `iterateMedia (pages of ${ctx.sizes.twilioPageSize}) vs twilio SDK messages(sid).media.list({pageSize: ${ctx.sizes.twilioPageSize}}) through a RequestClient subclass, same process, after one warm-up each, median of ${r.appMs.length} alternating rounds`,
      appMs: r.appMs.map((v) => round1(v)),
      sdkMs: r.sdkMs.map((v) => round1(v)),
      appCpuMs: r.appCpuMs.map((v) => round1(v)),
      sdkCpuMs: r.sdkCpuMs.map((v) => round1(v)),
      sdkRequestsPerList: r.sdkRequestsPerList,
    },
  });
}

async function startupFigure(ctx: Context): Promise<void> {
  const browser = ctx.browser;
  if (!browser) throw new Error('no Chromium');
  const fresh: StartupRun[] = [];
  const warm: StartupRun[] = [];
  // The host keeps V8's compiled code of its bundle in the user's cache folder (here one of the run's own): the
  // first start of a build (after an install or update) has none and leaves it at exit; it is measured on its own.
  const codeCacheDir = path.join(ctx.work, 'code-cache');
  const firstDir = await fsp.mkdtemp(path.join(ctx.work, 'host-'));
  const firstOfBuild = await measureStartup(browser, firstDir, codeCacheDir);
  await fsp.rm(firstDir, { recursive: true, force: true });
  const cacheFiles = (await fsp.readdir(codeCacheDir).catch(() => [] as string[])).filter((name) => name.endsWith('.v8cache'));
  if (cacheFiles.length === 0) note('startup: the first start left no code cache; every start below compiled its code');
  for (let i = 0; i < ctx.sizes.startupRuns; i++) {
    const dataDir = await fsp.mkdtemp(path.join(ctx.work, 'host-'));
    fresh.push(await measureStartup(browser, dataDir, codeCacheDir));
    warm.push(await measureStartup(browser, dataDir, codeCacheDir));
    await fsp.rm(dataDir, { recursive: true, force: true });
  }
  await fsp.rm(codeCacheDir, { recursive: true, force: true });
  const freshMs = median(fresh.map((r) => r.ms));
  const warmMs = median(warm.map((r) => r.ms));
  const common = {
    spawn: 'node dist/main/webhost.cjs --data-dir DIR',
    codeCache: cacheFiles.length > 0 ? 'kept by the first start of this build (firstStartOfBuildMs), used by the runs' : 'none: the first start left none',
    firstStartOfBuildMs: round1(firstOfBuild.ms, 0),
    interactive: 'every button of nav.sidebar enabled, in a fresh Chromium page (browser already running)',
  };
  emit({
    name: 'startup.browser-host',
    figure: 'startup.browser-host',
    unit: 'ms',
    app: round1(freshMs, 0),
    ref: null,
    ratio: null,
    target: target('≤ 1.5 s', freshMs <= 1500),
    details: { method: `first start on an empty data dir (creates the vault key, the sandbox and its demo content), median of ${fresh.length}`, ...common, runsMs: fresh.map((r) => round1(r.ms, 0)), readyLineMs: fresh.map((r) => round1(r.readyMs, 0)) },
  });
  emit({
    name: 'startup.browser-host.warm',
    figure: 'startup.browser-host',
    unit: 'ms',
    app: round1(warmMs, 0),
    ref: null,
    ratio: null,
    target: target('≤ 1.5 s', warmMs <= 1500),
    details: { method: `a later start on the same data dir, median of ${warm.length}`, ...common, runsMs: warm.map((r) => round1(r.ms, 0)), readyLineMs: warm.map((r) => round1(r.readyMs, 0)) },
  });
}

async function renderFigure(ctx: Context): Promise<void> {
  const count = ctx.sizes.listFiles;
  const name = `library.render.${countLabel(count)}`;
  const browser = ctx.browser;
  if (!browser) throw new Error('no Chromium');
  const folder = `bench-${countLabel(count)}`;
  const dataDir = await fsp.mkdtemp(path.join(ctx.work, 'host-render-'));
  try {
    // The browser host runs its own embedded sandbox (DIR/sandbox): the same folder is seeded there before it starts.
    await ctx.server.call({ cmd: 'seedOtherDir', dataDir: path.join(dataDir, 'sandbox'), folder, count });
    const host = await startHost(dataDir, performance.now());
    try {
      const runs: Array<Extract<RenderOutcome, { kind: 'measured' }>> = [];
      const session = await signIn(browser, host.url);
      for (let i = 0; i < ctx.sizes.renderRuns; i++) {
        const run = await measureRender(browser, session, ctx.server.accounts.library.label, folder);
        if (run.kind === 'skipped') {
          emit({ name, figure: 'library.render.10k', unit: 'ms', app: null, ref: null, ratio: null, skipped: run.reason, target: target('≤ 300 ms; ≤ 200 rows', null) });
          emit({ name: `${name}.rows`, figure: 'library.render.10k', unit: 'rows', app: null, ref: null, ratio: null, skipped: run.reason, target: target('≤ 200 rows', null) });
          return;
        }
        runs.push(run);
      }
      // The run with the median time stands for all; every run's times are listed.
      const sorted = [...runs].sort((a, b) => a.ms - b.ms);
      const outcome = sorted[Math.floor(sorted.length / 2)]!;
      const maxRows = Math.max(...runs.map((r) => r.rows));
      emit({
        name,
        figure: 'library.render.10k',
        unit: 'ms',
        app: round1(outcome.ms, 0),
        ref: null,
        ratio: null,
        target: target('≤ 300 ms', outcome.ms <= 300),
        details: {
          method: `browser host in Chromium: ${outcome.gesture} on folder "${folder}" (${count} files) → first frame painted with a file row, timed in the page (event timestamp → requestAnimationFrame + task); median of ${runs.length} opens, each in a fresh page`,
          runsMs: runs.map((r) => round1(r.ms, 0)),
          firstRow: outcome.firstName,
          rowsInDomMs: round1(outcome.domMs, 0),
          ...(outcome.answer
            ? {
                getFolderRequestSentMs: round1(outcome.answer.startMs, 0),
                getFolderAnswerReceivedMs: round1(outcome.answer.endMs, 0),
                getFolderAnswerKiB: round1(outcome.answer.bytes / KiB),
                afterAnswerMs: round1(outcome.ms - outcome.answer.endMs, 0),
              }
            : {}),
        },
      });
      emit({
        name: `${name}.rows`,
        figure: 'library.render.10k',
        unit: 'rows',
        app: maxRows,
        ref: null,
        ratio: null,
        target: target('≤ 200 rows', maxRows <= 200),
        details: { method: 'distinct seed-NNNNN.jpg names in the DOM once the first row shows (the most of all opens)', textNodes: outcome.fileNodes, roleRowOrTrElements: outcome.rowElements },
      });
    } finally {
      await host.stop();
    }
  } finally {
    await fsp.rm(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Preflight, orchestration, clean-up

function toolVersion(file: string, args: string[]): string {
  try {
    return execFileSync(file, args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0]!.trim();
  } catch {
    return 'not found';
  }
}

async function freeBytes(dir: string): Promise<number> {
  const stats = await fsp.statfs(dir);
  return stats.bavail * stats.bsize;
}

function parseArgs(argv: string[]): { sizes: Sizes; only: Set<FigureGroup> } {
  const sizes = argv.includes('--quick') ? QUICK : FULL;
  const onlyArg = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const only = new Set<FigureGroup>();
  for (const name of onlyArg ? onlyArg.split(',') : ALL_FIGURES) {
    if (!(ALL_FIGURES as readonly string[]).includes(name)) throw new Error(`unknown figure group "${name}" (known: ${ALL_FIGURES.join(', ')})`);
    only.add(name as FigureGroup);
  }
  for (const arg of argv) if (arg !== '--quick' && !arg.startsWith('--only=')) throw new Error(`unknown option ${arg} (use --quick, --only=${ALL_FIGURES.join(',')})`);
  return { sizes, only };
}

async function main(): Promise<number> {
  const { sizes, only } = parseArgs(process.argv.slice(2));
  judgeTargets = sizes.mode === 'full';
  const startedAt = new Date();
  const tmp = os.tmpdir();
  const needed = sizes.upload + sizes.queueFiles * sizes.queueFileSize + GiB;
  for (const dir of [tmp, ROOT]) {
    const free = await freeBytes(dir);
    note(`free space at ${dir}: ${(free / GiB).toFixed(1)} GiB (this run needs about ${(needed / GiB).toFixed(1)} GiB in ${tmp})`);
    if (dir === tmp && free < needed) throw new Error(`not enough free space in ${tmp}: ${(free / GiB).toFixed(1)} GiB free, about ${(needed / GiB).toFixed(1)} GiB needed`);
  }
  const machine = {
    node: process.version,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
    memoryGiB: round1(os.totalmem() / GiB),
    os: `${os.type()} ${os.release()}`,
    curl: toolVersion('curl', ['--version']),
    chromium: 'not used',
    /** 1-minute load average when the run started and ended: other work on the machine skews every figure. */
    loadAverage: { start: round1(os.loadavg()[0] ?? 0, 2), end: 0 },
    /** Where the sandbox keeps what it is sent (memoryDir). */
    sandboxStore: 'not started',
    /** Set when the run started above BUSY_LOAD: its wall times are not comparable with a quiet machine's. */
    busyAtStart: false,
  };
  note(`mode ${sizes.mode}; ${machine.node}; ${machine.cpus}; ${machine.curl}`);
  console.log(`Load average (1 min) at the start: ${machine.loadAverage.start} on ${os.cpus().length} CPUs.`);
  if (machine.loadAverage.start > BUSY_LOAD) {
    machine.busyAtStart = true;
    console.log(`WARNING: the machine was busy when this run started (load ${machine.loadAverage.start} > ${BUSY_LOAD}): wall-time figures are skewed; compare the CPU ratios, or run again on a quiet machine.`);
  }

  const work = await fsp.mkdtemp(path.join(tmp, 'media-desk-bench-'));
  const memory = await memoryDir(sizes.upload + GiB);
  const removeWork = (): void => {
    fs.rmSync(work, { recursive: true, force: true });
    if (memory) fs.rmSync(memory, { recursive: true, force: true });
  };
  let ctx: Context | undefined;
  const deadline = setTimeout(() => {
    console.error(`bench: stopped after ${sizes.deadlineMs / 60_000} minutes (time limit)`);
    killAllChildrenNow();
    removeWork();
    process.exit(3);
  }, sizes.deadlineMs);
  const onSignal = (signal: NodeJS.Signals): void => {
    console.error(`bench: ${signal}, stopping`);
    killAllChildrenNow();
    removeWork();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let failures = 0;
  try {
    const serverDataDir = memory ? path.join(memory, 'sandbox') : path.join(work, 'sandbox');
    machine.sandboxStore = memory ? `memory (${memory})` : `disk (${serverDataDir}; no room in ${MEMORY_FS})`;
    note(`the sandbox keeps its files in ${machine.sandboxStore}`);
    const server = await startServerProcess({
      dataDir: serverDataDir,
      limits: { genericMaxUploadBytes: 2 * GiB, genericCreditBytes: 2 ** 50, libraryMaxUploadBytes: 2 * GiB },
    });
    note(`sandbox ${server.sandboxUrl}, sink ${server.sinkUrl} (each in a process of its own)`);
    const mp4 = path.join(work, 'bench.mp4');
    await makeMp4(mp4, sizes.upload);
    await warmPageCache([mp4]);
    ctx = { sizes, work, server, serverDataDir, mp4 };

    const needsBrowser = only.has('startup.browser-host') || only.has('stage.browser-host') || only.has('library.render');
    const chromium = chromiumPath();
    if (needsBrowser && chromium) {
      machine.chromium = toolVersion(chromium, ['--version']);
      ctx.chromium = chromium;
      ctx.browser = await launchChromium(chromium);
    }

    const steps: Array<[FigureGroup, string, () => Promise<void>]> = [
      ['renderer.bundle', 'renderer.bundle', () => rendererBundle()],
      ['check', `check.${sizeLabel(sizes.upload)}`, () => checkFigures(ctx!)],
      ['upload.generic', `upload.generic.${sizeLabel(sizes.upload)}`, () => uploadGenericFigures(ctx!)],
      ['upload.library', `upload.library.${sizeLabel(sizes.upload)}`, () => uploadLibraryFigures(ctx!)],
      ['queue', `queue.${sizes.queueFiles}x${sizeLabel(sizes.queueFileSize)}`, () => queueFigure(ctx!)],
      ['library.list', `library.list.${countLabel(sizes.listFiles)}`, () => libraryListFigure(ctx!)],
      ['twilio.list', `twilio.list.${countLabel(sizes.twilioMedia)}`, () => twilioListFigure(ctx!)],
      ['startup.browser-host', 'startup.browser-host', () => startupFigure(ctx!)],
      ['stage.browser-host', 'stage.browser-host', async () => (await stageFigures({ browser: ctx!.browser!, sinkUrl: server.sinkUrl, work, file: mp4, size: sizes.upload, rounds: sizes.uploadRounds }, (r) => target('ratio ≥ 0.8', r === null ? null : r >= 0.8))).forEach(emit)],
      ['library.render', `library.render.${countLabel(sizes.listFiles)}`, () => renderFigure(ctx!)],
      ['bulk', 'bulk', () => bulkFigures({ server: ctx!.server, work, quick: sizes.mode === 'quick', emit })],
    ];
    for (const [group, name, run] of steps) {
      if (!only.has(group)) continue;
      if ((group === 'startup.browser-host' || group === 'stage.browser-host' || group === 'library.render') && !ctx.browser) {
        emit({ name, figure: name, unit: 'ms', app: null, ref: null, ratio: null, skipped: 'no Chromium found (set CHROMIUM_PATH, or install /usr/bin/chromium)' });
        continue;
      }
      note(`measuring ${name}…`);
      const started = performance.now();
      try {
        await run();
      } catch (err) {
        failures++;
        emit({ name, figure: name, unit: '', app: null, ref: null, ratio: null, failed: err instanceof Error ? err.message : String(err) });
      }
      note(`${name} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await ctx?.browser?.close().catch(() => undefined);
    await ctx?.server.close().catch(() => undefined);
    await stopAllChildren();
    await fsp.rm(work, { recursive: true, force: true });
    if (memory) await fsp.rm(memory, { recursive: true, force: true });
    clearTimeout(deadline);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  machine.loadAverage.end = round1(os.loadavg()[0] ?? 0, 2);
  console.log(`Load average (1 min): ${machine.loadAverage.start} at the start, ${machine.loadAverage.end} at the end, on ${os.cpus().length} CPUs${machine.busyAtStart ? ' (busy at the start: see the warning above)' : ''}.`);
  const judged = figures.filter((f) => f.target && f.target.met !== null);
  const missed = judged.filter((f) => f.target?.met === false);
  const results = {
    generatedAt: startedAt.toISOString(),
    durationS: round1((Date.now() - startedAt.getTime()) / 1000),
    mode: sizes.mode,
    machine,
    sizes,
    figures,
    targets: { judged: judged.length, met: judged.length - missed.length, missed: missed.map((f) => f.name) },
  };
  await fsp.writeFile(path.join(ROOT, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    judgeTargets
      ? `Targets: ${judged.length - missed.length} of ${judged.length} met${missed.length ? `; missed: ${missed.map((f) => f.name).join(', ')}` : ''}. Figures in bench-results.json.`
      : 'Targets are judged on full runs only (--quick sizes are dominated by fixed costs). Figures in bench-results.json.',
  );
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (err: unknown) => {
    console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
    killAllChildrenNow();
    process.exit(2);
  },
);
