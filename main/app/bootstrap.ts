// Starting the app's services, the same way for every host.
import { phrase } from '../common/i18n/phrase.js';
import { sayable } from '../common/errors.js';
import path from 'node:path';
import { createDispatcher, type Dispatcher } from './dispatch.js';
import { createHandlers } from './handlers/index.js';
import { createAppServices, type AppServicesOptions, type AppServices } from './services.js';
import { FileStaging } from '../core/files/staging.js';
import { FolderGrants } from './grants.js';
import { MediaStreams } from './media-streams.js';
import { MediaFailureNotes } from './media-failures.js';
import { runningSandbox, useRunningSandbox } from './connections.js';
import { startEmbeddedSandbox, syncSandboxAccounts } from './embedded-sandbox.js';
import type { Sandbox } from '../sandbox/index.js';
import { useRoutePicker } from '../providers/http/proxy-route.js';
import { lockDataFolder, type DataFolderLock } from '../core/storage/instance-lock.js';

export interface RunningApp {
  services: AppServices;
  dispatch: Dispatcher;
  staging: FileStaging;
  media: MediaStreams;
  /** The activity log's one count of failed previews, for whichever host serves them. */
  mediaFailures: MediaFailureNotes;
  sandbox: Sandbox | null;
  /** This app's hold on its data folder; the host announces its address through it. */
  instance: DataFolderLock;
  close(): Promise<void>;
}

/**
 * Takes the data folder's lock before anything reads or writes in it: a second host on the same folder stops with
 * DataFolderInUseError (saying who holds it) and changes nothing.
 */
export async function bootApp(options: AppServicesOptions): Promise<RunningApp> {
  return (await lockApp(options)).boot();
}

/** The data folder held, the app not started yet: a host can open its door, and say where, while the app starts. */
export interface LockedApp {
  instance: DataFolderLock;
  /** Starts the app's services; on failure the lock is released. Call once. */
  boot(): Promise<RunningApp>;
}

/** bootApp in two steps: the lock (fast; a second host stops here), then the services (the sandbox, the stores…). */
export async function lockApp(options: AppServicesOptions): Promise<LockedApp> {
  const instance = await lockDataFolder(options.dataDir, options.host.host);
  return {
    instance,
    async boot() {
      try {
        return await bootLocked(options, instance);
      } catch (err) {
        await instance.release();
        throw err;
      }
    },
  };
}

async function bootLocked(options: AppServicesOptions, instance: DataFolderLock): Promise<RunningApp> {
  const services = await createAppServices(options);
  instance.onCompromised((err) => {
    services.log.error('storage', services.notices.add('error', phrase('desktop:notice.lostFolder', { reason: sayable(err) })));
  });
  const staging = new FileStaging(options.dataDir);
  await staging.reset();
  const media = new MediaStreams();
  const mediaFailures = new MediaFailureNotes(services.log);
  const sandbox = services.settings.get().sandboxEnabled ? await startSandboxSafely(services) : null;
  const sandboxOrigin = sandbox ? new URL(sandbox.baseUrl).origin : null;
  useRunningSandbox(sandboxOrigin);
  // The command line follows the sandbox account's media redirects to loopback only to the sandbox this app says
  // runs; without the word, it refuses them, which is all a failed write costs.
  if (sandboxOrigin) await instance.announce({ sandbox: sandboxOrigin }).catch((err: unknown) => services.log.warn('storage', `Could not write where the sandbox runs in instance.json: ${err instanceof Error ? err.message : String(err)}`));
  const handlers = createHandlers({ services, staging, media, grants: new FolderGrants(services.written), sandboxUrl: () => sandbox?.baseUrl ?? null, sandboxAccounts: () => sandbox?.accounts ?? null });
  const dispatch = createDispatcher(handlers, services.log, services.redact);
  return {
    services,
    dispatch,
    staging,
    media,
    mediaFailures,
    sandbox,
    instance,
    async close() {
      try {
        useRoutePicker(undefined);
        if (runningSandbox() === sandboxOrigin) useRunningSandbox(null);
        await sandbox?.close();
        await services.transfers.stop();
        mediaFailures.flush();
        await services.log.flush();
      } finally {
        await instance.release();
      }
    },
  };
}

/** A sandbox that cannot start (a damaged data folder…) must not keep the app from starting. */
async function startSandboxSafely(services: AppServices): Promise<Sandbox | null> {
  try {
    const sandbox = await startEmbeddedSandbox(services.dataDir);
    const synced = await syncSandboxAccounts(services.dataDir, services.accounts, sandbox.accounts);
    services.log.info('sandbox', `Sandbox running at ${sandbox.baseUrl} (accounts ${synced.outcome}).`);
    if (synced.outcome === 'kept') {
      services.log.warn('storage', services.notices.add('warn', phrase('desktop:notice.appStateKept', { reason: synced.reason, file: path.basename(synced.movedTo) })));
    }
    return sandbox;
  } catch (err) {
    services.log.error('sandbox', services.notices.add('warn', phrase('desktop:notice.sandboxFailed', { reason: sayable(err) })));
    return null;
  }
}
