// Starting the app's services, the same way for every host.
import { createDispatcher, type Dispatcher } from './dispatch.js';
import { createHandlers } from './handlers/index.js';
import { createAppServices, type AppServicesOptions, type AppServices } from './services.js';
import { FileStaging } from '../core/files/staging.js';
import { FolderGrants } from './grants.js';
import { MediaStreams } from './media-streams.js';
import { startEmbeddedSandbox, syncSandboxAccounts } from './embedded-sandbox.js';
import type { Sandbox } from '../sandbox/index.js';

export interface RunningApp {
  services: AppServices;
  dispatch: Dispatcher;
  staging: FileStaging;
  media: MediaStreams;
  sandbox: Sandbox | null;
  close(): Promise<void>;
}

export async function bootApp(options: AppServicesOptions): Promise<RunningApp> {
  const services = await createAppServices(options);
  const staging = new FileStaging(options.dataDir);
  await staging.reset();
  const media = new MediaStreams();
  const sandbox = services.settings.get().sandboxEnabled ? await startSandboxSafely(services) : null;
  const handlers = createHandlers({ services, staging, media, grants: new FolderGrants(), sandboxUrl: () => sandbox?.baseUrl ?? null });
  const dispatch = createDispatcher(handlers, services.log, services.redact);
  return {
    services,
    dispatch,
    staging,
    media,
    sandbox,
    async close() {
      await sandbox?.close();
      await services.transfers.stop();
      await services.log.flush();
    },
  };
}

/** A sandbox that cannot start (a damaged data folder…) must not keep the app from starting. */
async function startSandboxSafely(services: AppServices): Promise<Sandbox | null> {
  try {
    const sandbox = await startEmbeddedSandbox(services.dataDir);
    const outcome = await syncSandboxAccounts(services.dataDir, services.accounts, sandbox.accounts);
    services.log.info('sandbox', `Sandbox running at ${sandbox.baseUrl} (accounts ${outcome}).`);
    return sandbox;
  } catch (err) {
    const message = `The built-in sandbox could not start: ${err instanceof Error ? err.message : String(err)}`;
    services.notices.add('warn', message);
    services.log.error('sandbox', message);
    return null;
  }
}
