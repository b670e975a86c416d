// A benchmark worker: runs one of the app's own code paths in a fresh process and reports how long it took (and,
// for uploads, how much the process's resident memory grew). Started by the orchestrator with an IPC channel:
// argv[2] is the command, argv[3] its JSON arguments; the answer is one WorkerReply message.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import { genericUploadRunner, GENERIC_UPLOAD, type GenericUploadParams } from '../../main/app/runners/generic-upload.js';
import { AccountStore } from '../../main/core/accounts/account-store.js';
import { checkMediaFile } from '../../main/core/media/check.js';
import { TransferQueue } from '../../main/core/transfers/transfer-queue.js';
import { memoryOnlyCipher } from '../../main/core/vault/cipher.js';
import { SecretVault } from '../../main/core/vault/vault.js';
import { uploadGenericMedia } from '../../main/providers/generic/client.js';
import { LibraryClient } from '../../main/providers/library/index.js';
import { createTwilioClient } from '../../main/providers/twilio/index.js';
import { countReads } from './lib/read-spy.js';
import { plainUpload, plainWarmUp } from './plain-node.js';
import { resetPeakRss, statusBytes } from './lib/proc-status.js';
import type { GenericUploadSetup, LibrarySetup, TwilioSetup, WorkerMark, WorkerReply } from './lib/protocol.js';

function mark(phase: WorkerMark['phase']): void {
  process.send?.({ type: 'mark', phase } satisfies WorkerMark);
}

/** Memory before and after the measured part: growth = peak during it − resident before it. */
interface Measured<T> {
  value: T;
  ms: number;
  /** CPU time of this process (user + system) during it. */
  cpuMs: number;
  rssBefore?: number;
  peakRss?: number;
  growth?: number;
  peakReset: boolean;
}

async function measured<T>(fn: () => Promise<T>): Promise<Measured<T>> {
  global.gc?.();
  const rssBefore = statusBytes('VmRSS');
  const peakReset = resetPeakRss();
  mark('start');
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await fn();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  mark('end');
  const peakRss = statusBytes('VmHWM');
  const out: Measured<T> = { value, ms, cpuMs: (used.user + used.system) / 1000, peakReset };
  if (rssBefore !== undefined) out.rssBefore = rssBefore;
  if (peakRss !== undefined) out.peakRss = peakRss;
  if (rssBefore !== undefined && peakRss !== undefined && peakReset) out.growth = Math.max(0, peakRss - rssBefore);
  return out;
}

interface UploadGenericArgs {
  setup: GenericUploadSetup;
  file: string;
  name: string;
}

/**
 * A copy of the first 64 KiB of `file` (the MP4's head, so servers that check it accept it), for a warm-up upload:
 * the app is a running process when someone uploads, so loading and compiling its code (and, here, tsx
 * transpiling it) is start-up cost, not upload cost. curl has none of it; the Twilio figure warms up the same way.
 */
async function warmUpCopy(file: string): Promise<{ path: string; size: number; [Symbol.asyncDispose](): Promise<void> }> {
  const dir = await fsp.mkdtemp(path.join(path.dirname(file), 'warm-up-'));
  const copy = path.join(dir, path.basename(file));
  const head = Buffer.alloc(64 * 1024);
  const handle = await fsp.open(file, 'r');
  const { bytesRead } = await handle.read(head, 0, head.length, 0).finally(() => handle.close());
  await fsp.writeFile(copy, head.subarray(0, bytesRead));
  return { path: copy, size: bytesRead, [Symbol.asyncDispose]: () => fsp.rm(dir, { recursive: true, force: true }) };
}

async function uploadGeneric(args: UploadGenericArgs) {
  const size = (await fsp.stat(args.file)).size;
  const connection = { settings: args.setup.settings, account: { username: args.setup.username, password: args.setup.password }, secretKeys: ['password'] };
  const request = { file: { path: args.file, name: args.name, size, contentType: 'video/mp4' as const }, recipients: [args.setup.recipient], description: args.setup.description };
  {
    await using warm = await warmUpCopy(args.file);
    await uploadGenericMedia(connection, { ...request, file: { ...request.file, path: warm.path, size: warm.size } });
  }
  const run = await measured(() => uploadGenericMedia(connection, request));
  return { ...run, value: undefined, bytes: size, mediaUrl: run.value.mediaUrl };
}

interface UploadLibraryArgs {
  setup: LibrarySetup;
  folder: string;
  name: string;
  file: string;
}

async function uploadLibrary(args: UploadLibraryArgs) {
  const size = (await fsp.stat(args.file)).size;
  const client = new LibraryClient(args.setup);
  {
    await using warm = await warmUpCopy(args.file);
    const warmName = `warm-up-${args.name}`;
    await client.uploadFile(args.folder, warmName, warm.path);
    // Never left in the folder the other figures read; the sink keeps nothing anyway.
    await client.deleteFile(args.folder, warmName).catch(() => undefined);
  }
  const run = await measured(() => client.uploadFile(args.folder, args.name, args.file));
  return { ...run, value: undefined, bytes: size, created: run.value.created };
}

/** The same upload as curl's, made with Node's own http.request and a piped read stream (plain-node.ts). */
async function uploadLibraryNode(args: UploadLibraryArgs) {
  const size = (await fsp.stat(args.file)).size;
  await using warm = await warmUpCopy(args.file);
  const plain = { ...args, warmUpFile: warm.path };
  await plainWarmUp(plain);
  const run = await measured(() => plainUpload(plain, size));
  return { ...run, value: undefined, bytes: size };
}

interface QueueArgs {
  setup: GenericUploadSetup;
  files: string[];
  concurrency: number;
  dataDir: string;
}

/** The files through the app's TransferQueue with the generic upload runner, as the UI's "Upload" queues them. */
async function queue(args: QueueArgs) {
  const vault = new SecretVault(args.dataDir, memoryOnlyCipher);
  const accounts = new AccountStore(args.dataDir, vault);
  await accounts.load();
  const account = await accounts.create(
    { kind: 'generic', label: 'Benchmark upload', settings: args.setup.settings as { genericMediaUploadUrl: string; genericMediaUploadMultipartData: string }, username: args.setup.username, variables: {} },
    args.setup.password,
  );
  const transfers = new TransferQueue({ dataDir: args.dataDir, concurrency: args.concurrency });
  transfers.registerRunner(GENERIC_UPLOAD, genericUploadRunner(accounts));
  const sizes = await Promise.all(args.files.map(async (file) => (await fsp.stat(file)).size));
  const run = await measured(
    () =>
      new Promise<ReturnType<TransferQueue['list']>>((resolve) => {
        transfers.onBatchEnd(() => resolve(transfers.list()));
        args.files.forEach((file, i) => {
          const name = path.basename(file);
          const params: GenericUploadParams = { accountId: account.id, file: { path: file, name }, recipients: [args.setup.recipient], description: args.setup.description };
          transfers.enqueue({ type: GENERIC_UPLOAD, params }, { accountId: account.id, direction: 'upload', title: name, detail: 'benchmark', bytesTotal: sizes[i] ?? null });
        });
      }),
  );
  await transfers.flush();
  const items = run.value;
  const failed = items.filter((i) => i.state !== 'done');
  const perUpload = items.filter((i) => i.startedAt && i.finishedAt).map((i) => Date.parse(i.finishedAt!) - Date.parse(i.startedAt!));
  const sorted = [...perUpload].sort((a, b) => a - b);
  return {
    ms: run.ms,
    cpuMs: run.cpuMs,
    done: items.length - failed.length,
    failed: failed.length,
    firstError: failed[0]?.error?.message,
    bytes: sizes.reduce((a, b) => a + b, 0),
    perUpload: { median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted[sorted.length - 1] ?? 0, sum: perUpload.reduce((a, b) => a + b, 0) },
  };
}

interface LibraryListArgs {
  setup: LibrarySetup;
  folder: string;
  runs: number;
}

async function libraryList(args: LibraryListArgs) {
  const client = new LibraryClient(args.setup);
  const runsMs: number[] = [];
  const cpuMs: number[] = [];
  let files = 0;
  for (let i = 0; i < args.runs; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const details = await client.getFolder(args.folder);
    runsMs.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
    files = details.files.length;
  }
  return { runsMs, cpuMs, files };
}

/** The SDK pointed at the sandbox through its supported hook, as TOOLING.md describes. */
class LoopbackRequestClient extends twilio.RequestClient {
  requests = 0;

  constructor(private readonly origin: string) {
    super();
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    const target = new URL(opts.uri);
    const local = new URL(this.origin);
    target.protocol = local.protocol;
    target.host = local.host;
    this.requests += 1;
    return super.request({ ...opts, uri: target.toString() });
  }
}

interface TwilioListArgs {
  setup: TwilioSetup;
  pageSize: number;
  rounds: number;
}

/** The app's client and the SDK, alternately in the same process, after one warm-up each. */
async function twilioList(args: TwilioListArgs) {
  const { setup } = args;
  const app = createTwilioClient({ baseUrl: setup.baseUrl, accountSid: setup.accountSid, credential: { kind: 'authToken', authToken: setup.authToken } });
  const httpClient = new LoopbackRequestClient(setup.baseUrl);
  const sdk = twilio(setup.accountSid, setup.authToken, { accountSid: setup.accountSid, httpClient });

  const appOnce = async (): Promise<number> => {
    let n = 0;
    for await (const media of app.iterateMedia(setup.messageSid, { pageSize: args.pageSize })) if (media.sid) n++;
    return n;
  };
  const sdkOnce = async (): Promise<number> => (await sdk.messages(setup.messageSid).media.list({ pageSize: args.pageSize })).length;

  const appMs: number[] = [];
  const sdkMs: number[] = [];
  let appCount = 0;
  let sdkCount = 0;
  await appOnce();
  await sdkOnce();
  const requestsBefore = httpClient.requests;
  const appCpuMs: number[] = [];
  const sdkCpuMs: number[] = [];
  const cpuSince = (start: NodeJS.CpuUsage): number => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  for (let i = 0; i < args.rounds; i++) {
    let cpu = process.cpuUsage();
    let started = performance.now();
    appCount = await appOnce();
    appMs.push(performance.now() - started);
    appCpuMs.push(cpuSince(cpu));
    cpu = process.cpuUsage();
    started = performance.now();
    sdkCount = await sdkOnce();
    sdkMs.push(performance.now() - started);
    sdkCpuMs.push(cpuSince(cpu));
  }
  return { appMs, sdkMs, appCpuMs, sdkCpuMs, appCount, sdkCount, sdkRequestsPerList: (httpClient.requests - requestsBefore) / args.rounds };
}

interface CheckArgs {
  file: string;
  runs: number;
}

/** checkMediaFile with every read of this process counted (fs and fs/promises, file handles included). */
async function check(args: CheckArgs) {
  const runsMs: number[] = [];
  const bytesRead: number[] = [];
  let result: unknown;
  for (let i = 0; i < args.runs; i++) {
    const counted = await countReads(async () => {
      const started = performance.now();
      const media = await checkMediaFile(args.file);
      return { media, ms: performance.now() - started };
    });
    runsMs.push(counted.value.ms);
    bytesRead.push(counted.bytes);
    result = counted.value.media;
  }
  // The spy itself, checked on known reads: 100,000 bytes through a FileHandle, then through a read stream.
  const viaHandle = await countReads(async () => {
    const handle = await fsp.open(args.file, 'r');
    try {
      await handle.read(Buffer.alloc(100_000), 0, 100_000, 0);
    } finally {
      await handle.close();
    }
  });
  const viaStream = await countReads(
    () =>
      new Promise<void>((resolve, reject) => {
        fs.createReadStream(args.file, { start: 0, end: 99_999 }).on('error', reject).on('close', resolve).resume();
      }),
  );
  const calibration = { expected: 100_000, fileHandleRead: viaHandle.bytes, readStream: viaStream.bytes };
  return { runsMs, bytesRead, result, size: fs.statSync(args.file).size, calibration };
}

const COMMANDS: Record<string, (args: never) => Promise<unknown>> = {
  'upload-generic': uploadGeneric,
  'upload-library': uploadLibrary,
  'upload-library-node': uploadLibraryNode,
  queue,
  'library-list': libraryList,
  'twilio-list': twilioList,
  check,
};

async function main(): Promise<void> {
  const command = process.argv[2] ?? '';
  const fn = COMMANDS[command];
  if (!fn) throw new Error(`unknown worker command "${command}"`);
  const args = JSON.parse(process.argv[3] ?? '{}') as never;
  const result = await fn(args);
  await new Promise<void>((resolve) => process.send?.({ type: 'result', ok: true, result } satisfies WorkerReply, () => resolve()) ?? resolve());
}

main()
  .then(() => process.exit(0))
  .catch(async (err: unknown) => {
    const error = err instanceof Error ? err.message : String(err);
    await new Promise<void>((resolve) => process.send?.({ type: 'result', ok: false, error } satisfies WorkerReply, () => resolve()) ?? resolve());
    process.exit(1);
  });
