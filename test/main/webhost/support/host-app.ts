// One test app and renderer folder per test file, with browser hosts in this process started over it (each closed,
// and the app and folder removed, after the file's tests): the setup the in-process host tests share.
import { promises as fs } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { Language } from '../../../../main/common/i18n/languages';
import { startBrowserHost, type BrowserHost, type BrowserHostOptions, type HostApp, type HostLimits, type RouteHandler } from '../../../../main/webhost/server';
import { bootTestApp, makeRendererDir } from '../../../helpers/app-harness';
import { signIn } from './child-host';

export type TestApp = Awaited<ReturnType<typeof bootTestApp>>;

/** What a test may set of a host; the rest is the fixture's (its renderer folder, the app). */
export interface TestHostOptions {
  limits?: Partial<HostLimits>;
  /** The promise of an app that is still starting, instead of the running one. */
  app?: Promise<HostApp>;
  /** The terminal's language. */
  language?: Language;
  routes?: RouteHandler[];
}

export interface HostAppFixture {
  /** The running app (after beforeAll). */
  app(): TestApp;
  /** What a host serves of the app: its dispatcher, events and staging. */
  served(): HostApp;
  /** Starts a host over the app (or over `app`: the promise of one that is still starting), closed after the file. */
  startHost(options?: TestHostOptions): Promise<BrowserHost>;
  /** startHost, then signs in with its launch token: the host and its session cookie. */
  signedInHost(options?: TestHostOptions): Promise<{ host: BrowserHost; cookie: string }>;
}

/** Registers the file's beforeAll / afterAll; call it at the top level of a test file. */
export function useHostApp(): HostAppFixture {
  let app: TestApp | undefined;
  let rendererDir = '';
  const hosts: BrowserHost[] = [];
  beforeAll(async () => {
    app = await bootTestApp();
    rendererDir = await makeRendererDir();
  });
  afterAll(async () => {
    for (const host of hosts) await host.close();
    await app?.cleanup();
    if (rendererDir !== '') await fs.rm(rendererDir, { recursive: true, force: true });
  });
  const running = (): TestApp => {
    if (!app) throw new Error('the test app is not started yet (useHostApp runs in beforeAll)');
    return app;
  };
  const served = (): HostApp => ({ dispatch: running().dispatch, events: running().services.events, staging: running().staging });
  const startHost = async (options: TestHostOptions = {}): Promise<BrowserHost> => {
    const { app: starting, ...chosen } = options;
    const settings = { rendererDir, ...chosen };
    const given: BrowserHostOptions = starting ? { ...settings, app: starting } : { ...settings, ...served() };
    const host = await startBrowserHost(given);
    hosts.push(host);
    return host;
  };
  return {
    app: running,
    served,
    startHost,
    async signedInHost(options = {}) {
      const host = await startHost(options);
      return { host, cookie: await signIn(host.port, host.token) };
    },
  };
}
