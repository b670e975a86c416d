// The app's own methods: information, settings, accounts, transfers, the log, links.
import { z } from 'zod';
import { accountConfigSchema, accountIdSchema, GENERIC_AUTH_PASSWORD_KEYS, type AccountKind, type AccountSummary, type GenericAuthPasswordKey } from '../accounts.js';
import { checkFileNamePattern } from '../file-name-pattern.js';
import { LANGUAGE_CHOICES } from '../i18n/languages.js';
import type { Words } from '../errors.js';
import { phrase, type Phrase } from '../i18n/phrase.js';
import { fieldError, fieldMessage } from '../validation-messages.js';
import { fileRefSchema, folderGrantIdSchema, type FolderGrant } from '../files.js';
import { proxySettingSchema, type ProxyPasswordStatus } from '../proxy.js';
import type { TransferItem, TransferSummary } from '../transfers.js';
import { method } from './define.js';

export const none = z.object({}).strict();
export const byAccount = z.object({ accountId: accountIdSchema }).strict();
const secretValue = z.string().max(4096, fieldError(phrase('errors:validation.tooLongShort'))).refine((s) => !/[\r\n\0]/.test(s), fieldError(phrase('errors:validation.noLineBreaks')));
const authSecretsSchema = z
  .object(Object.fromEntries(GENERIC_AUTH_PASSWORD_KEYS.map((key) => [key, secretValue.nullable().optional()])) as Record<GenericAuthPasswordKey, z.ZodOptional<z.ZodNullable<typeof secretValue>>>)
  .strict();
const transferId = z.string().regex(/^tr_[a-f0-9]{16}$/, fieldError(phrase('errors:validation.notTransferId')));

export const THEMES = ['system', 'light', 'dark'] as const;

/** The views a restart reopens (a half-filled account form is not one of them). */
export const PLACE_VIEWS = ['home', 'account', 'transfers', 'activity', 'settings', 'address-book'] as const;
export const lastPlaceSchema = z.object({ view: z.enum(PLACE_VIEWS), accountId: accountIdSchema.optional() }).strict();
export type LastPlace = z.infer<typeof lastPlaceSchema>;

const filterDay = z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, fieldError(phrase('errors:validation.notDay')));
/** The Twilio message filters as the view holds them (empty text: no filter). */
export const twilioFiltersSchema = z
  .object({ dateSentAfter: filterDay, dateSentBefore: filterDay, from: z.string().max(200), to: z.string().max(200), withMediaOnly: z.boolean(), sid: z.string().max(64) })
  .strict();
export type TwilioFilters = z.infer<typeof twilioFiltersSchema>;

/** Where each account's view was left: the library's open folder, the Twilio filters. */
export const accountPlaceSchema = z.object({ folder: z.string().min(1).max(1024).optional(), twilioFilters: twilioFiltersSchema.optional() }).strict();
export type AccountPlace = z.infer<typeof accountPlaceSchema>;
export const MAX_ACCOUNT_PLACES = 200;

/** The kinds of download whose last folder is remembered apart. */
export const DOWNLOAD_KINDS = ['library', 'twilio'] as const;
export type DownloadKind = (typeof DOWNLOAD_KINDS)[number];

export const fileNamePatternSchema = z
  .string()
  .max(200, fieldError(phrase('errors:validation.maxChars', { count: 200 })))
  .superRefine((pattern, ctx) => {
    const checked = checkFileNamePattern(pattern);
    if (!checked.ok) ctx.addIssue({ code: 'custom', message: fieldMessage(checked.problem) });
  });

export const settingsSchema = z.object({
  theme: z.enum(THEMES),
  /** The language of the window, the menu and notifications; 'system' follows the OS. */
  language: z.enum(LANGUAGE_CHOICES),
  /** How many transfers run at once. */
  concurrency: z.number().int().min(1).max(16),
  /** Run the embedded sandbox server on loopback. */
  sandboxEnabled: z.boolean(),
  /** On Linux without a keyring: keep secrets on disk under the weak 'basic_text' protection anyway. */
  persistSecretsWithoutKeyring: z.boolean(),
  /** The Welcome page was shown once: later starts open where the user left off. */
  welcomeSeen: z.boolean(),
  /** The view open when the app was last used; checked against the accounts at the next start. */
  lastPlace: lastPlaceSchema.nullable(),
  /** Per account, where its view was left. */
  accountPlaces: z
    .record(accountIdSchema, accountPlaceSchema)
    .refine((places) => Object.keys(places).length <= MAX_ACCOUNT_PLACES, fieldError(phrase('errors:validation.placesTooMany', { max: MAX_ACCOUNT_PLACES }))),
  /** The folder each kind of download was last saved to (main records it; the window never sends a path). */
  downloadFolders: z.object({ library: z.string().min(1).max(4096).optional(), twilio: z.string().min(1).max(4096).optional() }).strict(),
  /** How downloaded Twilio media are named (main/common/file-name-pattern.ts). */
  twilioFileNamePattern: fileNamePatternSchema,
  /** How requests to servers are routed (its password is in the vault: settings.setProxyPassword). */
  proxy: proxySettingSchema,
});
export type Settings = z.infer<typeof settingsSchema>;
/** What the window may change: everything but the download folders, which only main's folder dialog records. */
export const settingsPatchSchema = settingsSchema.omit({ downloadFolders: true }).partial().strict();

export interface SecureStorageInfo {
  /** Secrets survive a restart. */
  persistent: boolean;
  /** Where they are kept, for the UI: 'os-keychain', 'key-file', 'basic_text', 'memory'. */
  backend: 'os-keychain' | 'key-file' | 'basic_text' | 'memory';
  /** A sentence for the settings screen, in English. */
  description: string;
  /** The same sentence as a phrase, for the window to say in its language. */
  descriptionPhrase?: Phrase;
}

export interface AppInfo {
  name: string;
  version: string;
  host: 'electron' | 'browser';
  platform: string;
  dataDir: string;
  secureStorage: SecureStorageInfo;
  sandboxUrl: string | null;
  /** Browser host: the folder downloads go to (set with --downloads when it starts); null in Electron (a dialog). */
  downloadFolder: string | null;
}

export type LogLevel = 'info' | 'warn' | 'error';
export interface LogEntry {
  seq: number;
  time: string;
  level: LogLevel;
  /** What area it is about: 'accounts', 'http', 'transfers'… */
  scope: string;
  message: string;
  accountId?: string;
}

/** What "Test proxy" found: one sentence each (the route, the proxy's 407, the answer or the failure). */
export interface ProxyTestResult {
  ok: boolean;
  lines: Words[];
}

export interface ConnectionTestResult {
  ok: boolean;
  /** In English (the log). */
  message: string;
  /** `message` as a phrase, for the window to say in the reader's language (errorText). */
  phrase?: Phrase;
  /** 'server': only the server was reached (DNS, TLS, an answer); the credentials were not checked. */
  scope?: 'server';
}

/** A notice main wants the user to see once (a settings file that was corrupt and set aside…). */
export interface Notice {
  id: string;
  level: 'info' | 'warn' | 'error';
  /** In English, as the activity log has it. */
  message: string;
  /** The same sentence for the window to say in its language (errorText). */
  phrase?: Phrase;
}

/** What adding the sandbox accounts again did. */
export interface SandboxRestoreResult {
  /** The sandbox accounts made again (main marked them). */
  added: AccountSummary[];
  /** The kinds whose sandbox account was still there: left as it was. */
  present: AccountKind[];
}

export const coreMethods = {

  'app.info': method(none).returns<AppInfo>(),
  'app.notices': method(none).returns<Notice[]>(),
  'app.dismissNotice': method(z.object({ id: z.string().max(64) }).strict()).returns<void>(),

  'settings.get': method(none).returns<Settings>(),
  'settings.update': method(settingsPatchSchema).returns<Settings>(),
  /** A string replaces the proxy's password, null removes it. The window is told only whether one is saved. */
  'settings.setProxyPassword': method(z.object({ password: secretValue.nullable() }).strict()).returns<ProxyPasswordStatus>(),
  'settings.proxyPassword': method(none).returns<ProxyPasswordStatus>(),
  /**
   * Tests the saved proxy settings: main reaches the named account's server (the origin only) along the route every
   * request takes and says how. The window names the account; main decides what is contacted.
   */
  'settings.testProxy': method(byAccount).returns<ProxyTestResult>(),
  /** The window names a kind of download; main drops the folder it remembered for it (no file is touched). */
  'settings.forgetDownloadFolder': method(z.object({ kind: z.enum(DOWNLOAD_KINDS) }).strict()).returns<Settings>(),

  'accounts.list': method(none).returns<AccountSummary[]>(),
  'accounts.create': method(z.object({ config: accountConfigSchema, secret: secretValue.optional(), authSecrets: authSecretsSchema.optional() }).strict()).returns<AccountSummary>(),
  'accounts.update': method(
    z
      .object({
        accountId: accountIdSchema,
        config: accountConfigSchema,
        /** A string replaces the secret, null removes it, absent keeps it. */
        secret: secretValue.nullable().optional(),
        /** Generic accounts' HTTP authentication passwords, each like `secret`. */
        authSecrets: authSecretsSchema.optional(),
      })
      .strict(),
  ).returns<AccountSummary>(),
  'accounts.remove': method(byAccount).returns<void>(),
  'accounts.test': method(byAccount).returns<ConnectionTestResult>(),
  /**
   * Tests a configuration before it is saved, with the secret typed in the form. Without one, the saved secret of
   * `accountId` is used only if the configuration still sends it where it was bound (main/common/secret-binding.ts).
   */
  'accounts.testConfig': method(
    z.object({ config: accountConfigSchema, secret: secretValue.optional(), authSecrets: authSecretsSchema.optional(), accountId: accountIdSchema.optional() }).strict(),
  ).returns<ConnectionTestResult>(),
  /**
   * Makes again the sandbox accounts the user removed. The window only names the action: main decides which are
   * missing (by its own mark, never a label), makes them from the running sandbox and marks them.
   */
  'accounts.restoreSandbox': method(none).returns<SandboxRestoreResult>(),

  'transfers.list': method(none).returns<{ items: TransferItem[]; summary: TransferSummary }>(),
  'transfers.cancel': method(z.object({ ids: z.array(transferId).min(1).max(10_000) }).strict()).returns<void>(),
  /** Failed and cancelled transfers only; without ids, all of them. */
  'transfers.retry': method(z.object({ ids: z.array(transferId).max(10_000).optional() }).strict()).returns<TransferItem[]>(),
  'transfers.clearFinished': method(z.object({ ids: z.array(transferId).max(10_000).optional() }).strict()).returns<void>(),

  /**
   * A folder to save downloads in, as a grant: the OS dialog in Electron; the browser host grants its Downloads
   * folder. Downloads name the grant, never a path. The window names only the kind of download: main words the
   * dialog's title itself, so a page cannot put its own text in a system dialog.
   */
  'files.pickFolder': method(z.object({ kind: z.enum(DOWNLOAD_KINDS).optional() }).strict()).returns<FolderGrant | null>(),
  /**
   * Which of these names already exist in the granted folder, to ask about conflicts once before downloading. Only
   * names reported here may then be downloaded with "overwrite".
   */
  'files.findExisting': method(z.object({ grantId: folderGrantIdSchema, names: z.array(z.string().min(1).max(255)).max(10_000) }).strict()).returns<string[]>(),
  /**
   * The window no longer needs these files (removed from a list, a transfer given up before it was queued): a staged
   * copy main still holds for this launch goes now, not at the next start. Others (granted, adopted by a job, unknown)
   * are left alone.
   */
  'files.release': method(z.object({ files: z.array(fileRefSchema).max(10_000) }).strict()).returns<void>(),

  'log.list': method(z.object({ limit: z.number().int().min(1).max(5000).optional() }).strict()).returns<LogEntry[]>(),
  'log.export': method(none).returns<{ fileName: string; text: string }>(),
  'shell.openExternal': method(z.object({ url: z.string().max(4096) }).strict()).returns<void>(),
} as const;
