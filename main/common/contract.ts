// The one contract between the UI and main. Every method: its argument schema (parsed on the receiving side for
// every call), its result type; every event main pushes. Imported by main, preload and the renderer (the renderer
// imports types only, so the schemas stay out of its bundle).
import type { z } from 'zod';
import type { AccountSummary } from './accounts.js';
import { EVENT_NAME_LIST } from './channels.js';
import type { AppErrorData } from './errors.js';
import type { FileRef } from './files.js';
import { addressBookMethods } from './methods/address-book.js';
import { coreMethods, type LogEntry, type Notice, type Settings } from './methods/core.js';
import { genericMethods } from './methods/generic.js';
import { libraryMethods } from './methods/library.js';
import { twilioMethods } from './methods/twilio.js';
import { updateMethods, type UpdateStatus } from './methods/updates.js';
import type { AppCommand } from './app-commands.js';
import type { TransferItem, TransferSummary } from './transfers.js';

export * from './methods/core.js';
export type * from './methods/address-book.js';
export type * from './methods/generic.js';
export type * from './methods/library.js';
export type * from './methods/twilio.js';
export type * from './methods/updates.js';
export type { AppCommand } from './app-commands.js';
export { fileRefSchema, type FileRef, type FolderGrant } from './files.js';

export const contract = {
  ...coreMethods,
  ...genericMethods,
  ...libraryMethods,
  ...twilioMethods,
  ...updateMethods,
  ...addressBookMethods,
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
  /** Files the OS handed the desktop app (command line, Open With, a second launch): for the upload view to check. */
  'files.opened': { files: Array<{ ref: FileRef; name: string }> };
  /** A command chosen in the native menu. */
  'app.command': { command: AppCommand };
  'updates.status': UpdateStatus;
  /** Browser host: bytes the host has written so far of a file the page is sending, under the id the page gave it. */
  'staging.progress': { stageId: string; received: number };
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = EVENT_NAME_LIST;
// The preload checks event names against the same list without importing this file.
type EventListMatches = (typeof EVENT_NAME_LIST)[number] extends EventName ? (EventName extends (typeof EVENT_NAME_LIST)[number] ? true : never) : never;
export const eventListIsComplete: EventListMatches = true;



/** A copy that takes time (the browser host's staging): said as it goes, and stopped by `signal` with nothing kept. */
export interface FileRefOptions {
  signal?: AbortSignal;
  /** Bytes main has received so far. */
  onProgress?: (received: number) => void;
}

/**
 * The one global the preload (or the browser host's bridge) gives the renderer.
 * `fileRef` turns a dropped or picked File into something main can read.
 */
export interface MediaDeskBridge {
  invoke<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<InvokeResult<MethodResult<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  fileRef(file: File, options?: FileRefOptions): Promise<FileRef>;
}
