// Standalone sandbox: `npm run sandbox -- --port N --data-dir DIR`. Prints exactly one line,
// "Sandbox ready: <baseUrl>", once listening, and closes cleanly on SIGINT/SIGTERM. Test hooks are never enabled
// here.
import { parseCliArgs, type CliOptions } from './cli-args.js';
import { tuneHeapForUploads } from './heap.js';
import { startSandbox } from './index.js';

tuneHeapForUploads();

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const sandbox = await startSandbox({ dataDir: options.dataDir, port: options.port, faults: false });
  process.stdout.write(`Sandbox ready: ${sandbox.baseUrl}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`Sandbox did not close cleanly: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`Sandbox failed to start: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
