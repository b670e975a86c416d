// The benchmark's server process: the app's sandbox (all three protocols) on 127.0.0.1, in a process of its own so
// that neither the app's clients nor curl share an event loop with the server they measure. The sink is in another
// process (sink-process.ts): sharing one with the sandbox, it ran at 0.6-1.5 GiB/s where alone it takes 1.7-2.4.
// Started by the orchestrator with an IPC channel; argv[2] is JSON {dataDir, limits}. It exits when told to close
// or when its parent goes away.
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { tuneHeapForUploads } from '../../main/sandbox/heap.js';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.js';
import type { ServerCommand, ServerReady, ServerReply, ServerStats } from './lib/protocol.js';

interface Options {
  dataDir: string;
  limits: { genericMaxUploadBytes: number; genericCreditBytes: number; libraryMaxUploadBytes: number };
}

function send(message: ServerReady | ServerReply): void {
  process.send?.(message);
}

// The same V8 setting as the standalone sandbox (main/sandbox/heap.ts): without it this process, too, fell into a
// mark-compact every 32 MiB received, in some runs and not others, and the upload rounds with it.
tuneHeapForUploads();

// Counted for the orchestrator's rounds: a round whose server fell into mark-compacts after all shows it.
const collections = { markCompacts: 0, scavenges: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) collections.markCompacts++;
    else if (kind === constants.NODE_PERFORMANCE_GC_MINOR) collections.scavenges++;
  }
}).observe({ entryTypes: ['gc'] });

function stats(): ServerStats {
  const cpu = process.cpuUsage();
  return { cpuMs: (cpu.user + cpu.system) / 1000, ...collections };
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as Options;
  const sandbox: Sandbox = await startSandbox({ dataDir: options.dataDir, port: 0, seed: true, limits: options.limits });
  let messageSid: string | undefined;
  let closing = false;

  const close = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    await sandbox.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('disconnect', () => void close());
  process.on('SIGTERM', () => void close());

  process.on('message', (raw: ServerCommand) => {
    void (async () => {
      try {
        let result: unknown;
        switch (raw.cmd) {
          case 'seedFiles': {
            result = (await sandbox.library.seedFiles(sandbox.accounts.library.domain, raw.folder, raw.count)).length;
            break;
          }
          case 'seedMedia': {
            messageSid ??= await sandbox.twilio.createMessage({ body: 'benchmark' });
            const sids = await sandbox.twilio.seedMedia(messageSid, raw.count);
            result = { messageSid, count: sids.length };
            break;
          }
          case 'seedOtherDir': {
            const other = await startSandbox({ dataDir: raw.dataDir, port: 0, seed: true });
            try {
              result = (await other.library.seedFiles(other.accounts.library.domain, raw.folder, raw.count)).length;
            } finally {
              await other.close();
            }
            break;
          }
          case 'stats':
            result = stats();
            break;
          case 'close':
            send({ id: raw.id, ok: true, result: null });
            await close();
            return;
        }
        send({ id: raw.id, ok: true, result });
      } catch (err) {
        send({ id: raw.id, ok: false, error: err instanceof Error ? err.message : String(err) });
      }
    })();
  });

  send({ type: 'ready', sandboxUrl: sandbox.baseUrl, accounts: sandbox.accounts });
}

main().catch((err: unknown) => {
  console.error(`bench server: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exit(1);
});
