// The embedded sandbox server: the three media protocols on 127.0.0.1 with demo content, the app's default
// accounts and every test's real peer. See README.md beside this file for the protocol choices it makes.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../common/errors.js';
import { buildAccounts, writeAccountsFile, type SandboxAccounts } from './accounts.js';
import { DEMO_FILES, resolveDemoAssetsDir } from './assets.js';
import { apiHandler, toListener } from './dispatch.js';
import { FaultInjector, type FaultControl, type RequestLogEntry } from './faults.js';
import { GenericStore } from './generic/store.js';
import { closeServer, createLoopbackServer, listenLoopback } from './http/server.js';
import { seedLibraryDemo, seedLibraryFiles, type LibraryPeople } from './library/demo.js';
import { LibraryStore } from './library/store.js';
import { loadOrCreateSecrets } from './secrets.js';
import { loadSeedMarks, saveSeedMarks } from './seed-marks.js';
import { handleCdn, type CdnLogEntry } from './twilio/cdn.js';
import { DEMO_MESSAGE_COUNT, SANDBOX_NUMBER } from './twilio/demo.js';
import { outboundMessage, type BlobRef } from './twilio/model.js';
import { MediaUrlSigner } from './twilio/signer.js';
import { TwilioStore } from './twilio/store.js';

export { sandboxAccountsSchema, type SandboxAccounts } from './accounts.js';
export type { FaultAction, FaultControl, FaultMatch, RequestLogEntry } from './faults.js';
export type { CdnLogEntry } from './twilio/cdn.js';

const MiB = 1024 * 1024;

const startOptionsSchema = z.object({
  dataDir: z.string().min(1),
  /** 0 or left out: a random free port. */
  port: z.number().int().min(0).max(65535).optional(),
  /** Enables the test hooks (faults, request log). Never from the CLI or the app. */
  faults: z.boolean().optional(),
  /** Adds the demo content on first start of a data dir (default true). */
  seed: z.boolean().optional(),
  /** Where the demo media are; found automatically when left out. */
  assetsDir: z.string().optional(),
  limits: z
    .object({
      genericMaxUploadBytes: z.number().int().positive().optional(),
      genericCreditBytes: z.number().int().nonnegative().optional(),
      libraryMaxUploadBytes: z.number().int().positive().optional(),
    })
    .optional(),
  /** Unexpected errors inside request handlers (default: printed to stderr). */
  onError: z.custom<(err: unknown) => void>((v) => typeof v === 'function').optional(),
});
export type StartSandboxOptions = z.input<typeof startOptionsSchema>;

export interface NewMessageOptions {
  to?: string;
  from?: string;
  body?: string;
}

export interface Sandbox {
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** The media CDN, a second origin (another port). */
  cdnUrl: string;
  accounts: SandboxAccounts;
  /** Path of sandbox-accounts.json. */
  accountsFile: string;
  /** Test hooks; throws unless started with `faults: true`. */
  readonly faults: FaultControl;
  /** Requests received on both origins (newest last); throws unless started with `faults: true`. */
  readonly requests: readonly RequestLogEntry[];
  /** The first completed request matching the predicate; throws unless started with `faults: true`. */
  waitForRequest(predicate: (entry: RequestLogEntry) => boolean, timeoutMs?: number): Promise<RequestLogEntry>;
  /** Requests the CDN received (the last 1000), with whether each carried an Authorization header. */
  readonly cdnLog: readonly CdnLogEntry[];
  twilio: {
    /** Sids of all messages, newest first. */
    messageSids(): string[];
    /** Adds a message without media and returns its sid. */
    createMessage(options?: NewMessageOptions): Promise<string>;
    /** Adds `count` (1..10,000) media to a message, fast; returns their sids. */
    seedMedia(messageSid: string, count: number): Promise<string[]>;
    /** A CDN URL for a media, signed to expire at the given time (past times make an expired URL). */
    signedMediaUrl(mediaSid: string, expiresAt: Date): string;
  };
  library: {
    /** Adds `count` (1..10,000) small JPEG files to a folder (created if missing); returns their ids. */
    seedFiles(domain: string, folder: string, count: number): Promise<string[]>;
  };
  close(): Promise<void>;
}

export async function startSandbox(options: StartSandboxOptions): Promise<Sandbox> {
  const parsed = startOptionsSchema.safeParse(options);
  if (!parsed.success) throw new AppError('validation', `Invalid sandbox options: ${parsed.error.issues[0]?.message ?? 'unknown'}.`);
  const opts = parsed.data;
  const dataDir = path.resolve(opts.dataDir);
  await fsp.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const assetsDir = resolveDemoAssetsDir(opts.assetsDir);
  const secrets = await loadOrCreateSecrets(dataDir);
  const limits = {
    genericMaxUploadBytes: opts.limits?.genericMaxUploadBytes ?? 50 * MiB,
    genericCreditBytes: opts.limits?.genericCreditBytes ?? 1024 * MiB,
    libraryMaxUploadBytes: opts.limits?.libraryMaxUploadBytes ?? 4096 * MiB,
  };
  const people: LibraryPeople = {
    domain: secrets.library.domain,
    demo: { user: secrets.library.user.id, app: secrets.library.appId },
    other: { user: secrets.library.otherUser.id, app: secrets.library.otherAppId },
  };

  const generic = await GenericStore.open(path.join(dataDir, 'generic'), limits.genericCreditBytes);
  const library = await LibraryStore.open(path.join(dataDir, 'library'));
  const twilio = await TwilioStore.open(path.join(dataDir, 'twilio'));
  const marks = await loadSeedMarks(dataDir);
  if (opts.seed !== false) {
    // The stores' own state is checked too, in case the marks file was lost.
    if (!marks.library && library.folderCount() === 0) await seedLibraryDemo(library, people, assetsDir);
    if (!marks.twilio && !twilio.hasDemoData) await twilio.addDemoData(DEMO_MESSAGE_COUNT);
    marks.library = true;
    marks.twilio = true;
    await saveSeedMarks(dataDir, marks);
  }

  let baseUrl = '';
  let cdnUrl = '';
  const signer = new MediaUrlSigner(Buffer.from(secrets.cdnSigningKey, 'hex'), () => cdnUrl);
  const blobPath = (blob: BlobRef): string =>
    blob.kind === 'asset' ? path.join(assetsDir, blob.name) : (generic.mediaPath(blob.name) ?? path.join(generic.mediaDir, 'missing'));
  const faults = new FaultInjector(opts.faults === true);
  const cdnLog: CdnLogEntry[] = [];
  const onError = opts.onError ?? ((err: unknown) => console.error('[sandbox]', err));

  const api = apiHandler({
    generic: { store: generic, account: secrets.generic, maxUploadBytes: limits.genericMaxUploadBytes, twilio },
    library: {
      store: library,
      directory: {
        domain: people.domain,
        users: new Map([
          [secrets.library.user.id, secrets.library.user.password],
          [secrets.library.otherUser.id, secrets.library.otherUser.password],
        ]),
        applications: new Set([secrets.library.appId, secrets.library.otherAppId]),
      },
      maxUploadBytes: limits.libraryMaxUploadBytes,
    },
    twilio: { store: twilio, credentials: secrets.twilio, signer },
  });
  const apiServer = createLoopbackServer(toListener(() => baseUrl, faults.wrap('api', api), onError));
  const cdnServer = createLoopbackServer(toListener(() => cdnUrl, faults.wrap('cdn', (ctx) => handleCdn(ctx, { store: twilio, signer, blobPath, log: cdnLog })), onError));

  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await Promise.all([closeServer(apiServer), closeServer(cdnServer)]);
    await Promise.all([library.flush(), generic.flush(), twilio.close()]);
  };

  let accounts: SandboxAccounts;
  let accountsFile: string;
  try {
    baseUrl = `http://127.0.0.1:${await listenLoopback(apiServer, opts.port ?? 0)}`;
    cdnUrl = `http://127.0.0.1:${await listenLoopback(cdnServer, 0)}`;
    accounts = buildAccounts(baseUrl, secrets, { maxUploadBytes: limits.genericMaxUploadBytes, creditBytes: generic.remainingCredit });
    accountsFile = await writeAccountsFile(dataDir, accounts);
  } catch (err) {
    await close();
    throw err;
  }

  return {
    baseUrl,
    cdnUrl,
    accounts,
    accountsFile,
    get faults() {
      return faults.control;
    },
    get requests() {
      void faults.control; // throws when the hooks are off
      return faults.log;
    },
    waitForRequest: (predicate, timeoutMs) => faults.waitForRequest(predicate, timeoutMs),
    cdnLog,
    twilio: {
      messageSids: () => twilio.listMessages().map((m) => m.sid),
      createMessage: async (o = {}) => {
        const message = await twilio.addMessage(outboundMessage({ to: o.to ?? '+14155550101', from: o.from ?? SANDBOX_NUMBER, body: o.body ?? '', price: null }));
        return message.sid;
      },
      seedMedia: (messageSid, count) => twilio.seedMedia(messageSid, count),
      signedMediaUrl: (mediaSid, expiresAt) => signer.sign(mediaSid, expiresAt.getTime()),
    },
    library: {
      seedFiles: (domain, folder, count) => seedLibraryFiles(library, people, assetsDir, domain, folder, count),
    },
    close,
  };
}

export { DEMO_FILES };
