// The one contract between the UI and main. Every method: its argument schema (parsed on the receiving side for
// every call), its result type; every event main pushes. Imported by main, preload and the renderer (the renderer
// imports types only, so the schemas stay out of its bundle).
import { z } from 'zod';
import { accountConfigSchema, accountIdSchema, type AccountSummary } from './accounts.js';
import type { AppErrorData } from './errors.js';
import { EVENT_NAME_LIST } from './channels.js';
import type { TransferItem, TransferSummary } from './transfers.js';

export interface MethodSpec<A extends z.ZodType, R> {
  args: A;
  /** Phantom: carries the result type only. */
  readonly result?: R;
}

function method<A extends z.ZodType>(args: A) {
  return { returns: <R>(): MethodSpec<A, R> => ({ args }) };
}

const none = z.object({}).strict();
const secretValue = z.string().max(4096, 'Too long.').refine((s) => !/[\r\n\0]/.test(s), 'Line breaks are not allowed.');
const byAccount = z.object({ accountId: accountIdSchema }).strict();
const transferId = z.string().regex(/^tr_[a-f0-9]{16}$/, 'Not a transfer id.');

export const THEMES = ['system', 'light', 'dark'] as const;
export const settingsSchema = z.object({
  theme: z.enum(THEMES),
  /** How many transfers run at once. */
  concurrency: z.number().int().min(1).max(16),
  /** Run the embedded sandbox server on loopback. */
  sandboxEnabled: z.boolean(),
  /** On Linux without a keyring: keep secrets on disk under the weak 'basic_text' protection anyway. */
  persistSecretsWithoutKeyring: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

export interface SecureStorageInfo {
  /** Secrets survive a restart. */
  persistent: boolean;
  /** Where they are kept, for the UI: 'os-keychain', 'key-file', 'basic_text', 'memory'. */
  backend: 'os-keychain' | 'key-file' | 'basic_text' | 'memory';
  /** A sentence for the settings screen. */
  description: string;
}

export interface AppInfo {
  name: string;
  version: string;
  host: 'electron' | 'browser';
  platform: string;
  dataDir: string;
  secureStorage: SecureStorageInfo;
  sandboxUrl: string | null;
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

export interface ConnectionTestResult {
  ok: boolean;
  message: string;
}

/** A notice main wants the user to see once (a settings file that was corrupt and set aside…). */
export interface Notice {
  id: string;
  level: 'info' | 'warn' | 'error';
  message: string;
}

export const contract = {
  'app.info': method(none).returns<AppInfo>(),
  'app.notices': method(none).returns<Notice[]>(),
  'app.dismissNotice': method(z.object({ id: z.string().max(64) }).strict()).returns<void>(),

  'settings.get': method(none).returns<Settings>(),
  'settings.update': method(settingsSchema.partial().strict()).returns<Settings>(),

  'accounts.list': method(none).returns<AccountSummary[]>(),
  'accounts.create': method(z.object({ config: accountConfigSchema, secret: secretValue.optional() }).strict()).returns<AccountSummary>(),
  'accounts.update': method(
    z
      .object({
        accountId: accountIdSchema,
        config: accountConfigSchema,
        /** A string replaces the secret, null removes it, absent keeps it. */
        secret: secretValue.nullable().optional(),
      })
      .strict(),
  ).returns<AccountSummary>(),
  'accounts.remove': method(byAccount).returns<void>(),
  'accounts.test': method(byAccount).returns<ConnectionTestResult>(),

  'transfers.list': method(none).returns<{ items: TransferItem[]; summary: TransferSummary }>(),
  'transfers.cancel': method(z.object({ ids: z.array(transferId).min(1).max(10_000) }).strict()).returns<void>(),
  /** Failed and cancelled transfers only; without ids, all of them. */
  'transfers.retry': method(z.object({ ids: z.array(transferId).max(10_000).optional() }).strict()).returns<TransferItem[]>(),
  'transfers.clearFinished': method(z.object({ ids: z.array(transferId).max(10_000).optional() }).strict()).returns<void>(),

  'log.list': method(z.object({ limit: z.number().int().min(1).max(5000).optional() }).strict()).returns<LogEntry[]>(),
  'log.export': method(none).returns<{ fileName: string; text: string }>(),
  'shell.openExternal': method(z.object({ url: z.string().max(4096) }).strict()).returns<void>(),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodArgs<M extends MethodName> = z.input<Contract[M]['args']>;
export type ParsedArgs<M extends MethodName> = z.output<Contract[M]['args']>;
export type MethodResult<M extends MethodName> = Exclude<Contract[M]['result'], undefined>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}

/** Every call's answer: a value, or an error fit to show. Errors never throw across the boundary. */
export type InvokeResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export interface EventMap {
  'accounts.changed': AccountSummary[];
  'settings.changed': Settings;
  'log.appended': LogEntry;
  'notice': Notice;
  /** Transfers whose state or progress changed, and the queue's totals. */
  'transfers.changed': { changed: TransferItem[]; summary: TransferSummary };
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = EVENT_NAME_LIST;
// The preload checks event names against the same list without importing this file.
type EventListMatches = (typeof EVENT_NAME_LIST)[number] extends EventName ? (EventName extends (typeof EVENT_NAME_LIST)[number] ? true : never) : never;
export const eventListIsComplete: EventListMatches = true;

/** A local file the UI hands to main: a path (Electron) or a file staged in the browser host. */
export const fileRefSchema = z.union([
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }).strict(),
  z.object({ kind: z.literal('staged'), id: z.string().regex(/^stg_[a-z0-9]{16,40}$/) }).strict(),
]);
export type FileRef = z.infer<typeof fileRefSchema>;

/**
 * The one global the preload (or the browser host's bridge) gives the renderer.
 * `fileRef` turns a dropped or picked File into something main can read.
 */
export interface MediaDeskBridge {
  invoke<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<InvokeResult<MethodResult<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  fileRef(file: File): Promise<FileRef>;
}
