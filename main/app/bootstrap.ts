// Starting the app's services, the same way for every host.
import { createDispatcher, type Dispatcher } from './dispatch.js';
import { createHandlers } from './handlers/index.js';
import { createAppServices, type AppServicesOptions, type AppServices } from './services.js';
import { FileStaging } from '../core/files/staging.js';
import { MediaStreams } from './media-streams.js';

export interface RunningApp {
  services: AppServices;
  dispatch: Dispatcher;
  staging: FileStaging;
  media: MediaStreams;
  close(): Promise<void>;
}

export async function bootApp(options: AppServicesOptions): Promise<RunningApp> {
  const services = await createAppServices(options);
  const staging = new FileStaging(options.dataDir);
  await staging.reset();
  const media = new MediaStreams();
  const handlers = createHandlers({ services, staging, media, sandboxUrl: () => null });
  const dispatch = createDispatcher(handlers, services.log);
  return {
    services,
    dispatch,
    staging,
    media,
    async close() {
      await services.transfers.stop();
      await services.log.flush();
    },
  };
}
