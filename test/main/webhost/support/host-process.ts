// Runs the browser host in a process of its own for the survival and fuzz tests: a crash shows as this process
// exiting, not as an error inside the test runner. Prints one JSON line with the address and token, then serves
// until SIGTERM. Limits come as JSON in MD_HOST_LIMITS so tests can use small caps and short timeouts.
import { bootTestApp, makeRendererDir } from '../../../helpers/app-harness';
import { startBrowserHost } from '../../../../main/webhost/server';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: host-process.ts DATA_DIR');
  const limits: unknown = JSON.parse(process.env.MD_HOST_LIMITS ?? '{}');
  const app = await bootTestApp(dataDir);
  const rendererDir = await makeRendererDir();
  const host = await startBrowserHost({
    dispatch: app.dispatch,
    events: app.services.events,
    staging: app.staging,
    rendererDir,
    limits: limits as Record<string, number>,
  });
  process.stdout.write(`${JSON.stringify({ port: host.port, origin: host.origin, token: host.token })}\n`);
  process.once('SIGTERM', () => {
    void host
      .close()
      .then(() => app.close())
      .finally(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`host-process could not start: ${String(err)}\n`);
  process.exit(1);
});
