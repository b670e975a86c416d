// `npm run start:web`: the app in a browser, for machines without Electron's runtime and for end-to-end tests.
import path from 'node:path';
import { lockApp } from '../app/bootstrap.js';
import { defaultDownloadFolder, ensureDownloadFolder } from '../app/local-files.js';
import { parseHostArgs } from '../app/paths.js';
import { hostLanguage } from '../app/terminal-language.js';
import type { Language } from '../common/i18n/languages.js';
import { createKeyFileCipher } from '../core/vault/cipher.js';
import { mediaRoute, MEDIA_PATH } from './media-route.js';
import { startBrowserHost } from './server.js';
import { namedDataDir, sayError, startFailedLine } from './terminal.js';

declare const __APP_VERSION__: string;

/** The terminal's language once known; until then (and if it cannot be known) English. */
let language: Language = 'en';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let args;
  try {
    args = parseHostArgs(argv, { downloads: true });
  } catch (err) {
    console.error(sayError(await hostLanguage(namedDataDir(argv)), err));
    process.exit(2);
  }
  language = await hostLanguage(args.dataDir);
  const downloadFolder = args.downloads ?? defaultDownloadFolder();
  // The lock first (a second host on the folder stops here, naming the first); then the door opens while the app
  // starts, so the browser loads the page in the time the stores and the sandbox take. Its calls wait for the app.
  const locked = await lockApp({
    dataDir: args.dataDir,
    version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev',
    cipher: () => createKeyFileCipher(args.dataDir),
    host: {
      host: 'browser',
      // The browser host has no window of its own; links open in the browser the user already has the app in.
      openExternal: async () => undefined,
      mediaUrl: (token) => `${MEDIA_PATH}${token}`,
      // A web page cannot show the OS folder dialog: downloads go to the Downloads folder, which only the command
      // line sets (--downloads), so a page holding the token cannot point them at ~/.ssh.
      pickFolder: async () => ({ path: await ensureDownloadFolder(downloadFolder), picked: false }),
      downloadFolder,
    },
  });
  // The app starts once the address is announced: its start clears the data folder's half-written files, the
  // announcement's among them had it been under way.
  let startApp = (): void => undefined;
  const booting = new Promise<void>((resolve) => (startApp = resolve)).then(() => locked.boot());
  const media = booting.then((app) => mediaRoute(app.media, app.mediaFailures));
  media.catch(() => undefined); // a failed start is reported once, below
  let host;
  try {
    host = await startBrowserHost({
      app: booting.then((app) => ({ dispatch: app.dispatch, events: app.services.events, staging: app.staging })),
      rendererDir: path.join(__dirname, '..', 'renderer'),
      port: args.port,
      language,
      routes: [async (req, res, url, refuse) => url.pathname.startsWith(MEDIA_PATH) && (await media)(req, res, url, refuse)],
    });
    // The second host that finds the folder taken names this address; the token stays on this terminal only.
    await locked.instance.announce({ url: `${new URL(host.url).origin}/` });
  } catch (err) {
    await host?.close();
    await locked.instance.release();
    throw err;
  }
  startApp();
  console.log(`Browser host ready: ${host.url}`);
  const stop = async () => {
    await host.close();
    await booting.then((app) => app.close(), () => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  // A failed start ends the process (after the page was told, by a 503, to look here).
  await booting.catch(async (err: unknown) => {
    await host.close();
    throw err;
  });
}

main().catch((err: unknown) => {
  console.error(startFailedLine(language, err));
  process.exit(1);
});
