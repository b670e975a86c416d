// The contract over Electron IPC: one invoke channel, one event channel; every message's sender is checked
// before the dispatcher (which validates the arguments) sees it.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_GRANT_FILE, IPC_INVOKE } from '../common/channels.js';
import type { FileRef, InvokeResult } from '../common/contract.js';
import { AppError, toAppError } from '../common/errors.js';
import { phrase } from '../common/i18n/phrase.js';
import type { FileStaging } from '../core/files/staging.js';
import type { Dispatcher } from '../app/dispatch.js';
import { isTrustedSender } from './security.js';

export function registerContractIpc(ipcMain: IpcMain, dispatch: Dispatcher, window: () => WebContents | undefined): void {
  ipcMain.handle(IPC_INVOKE, (event: IpcMainInvokeEvent, method: unknown, args: unknown): Promise<InvokeResult<unknown>> => {
    if (!isTrustedSender(event.senderFrame, window())) {
      return Promise.resolve({ ok: false, error: new AppError('forbidden', phrase('errors:ipc.foreignSender')).toData() });
    }
    return dispatch(method, args);
  });
}

/**
 * The preload's channel for files the user dropped or picked: it sends the path it read from the File object, and
 * main grants that one file. The page cannot reach this channel (the preload exposes only fileRef(File)), so the
 * window can name files the user gave it and nothing else.
 */
export function registerFileGrantIpc(ipcMain: IpcMain, staging: FileStaging, window: () => WebContents | undefined): void {
  ipcMain.handle(IPC_GRANT_FILE, async (event: IpcMainInvokeEvent, file: unknown): Promise<InvokeResult<FileRef>> => {
    if (!isTrustedSender(event.senderFrame, window())) {
      return { ok: false, error: new AppError('forbidden', phrase('errors:ipc.foreignSender')).toData() };
    }
    if (typeof file !== 'string' || file.length === 0 || file.length > 4096 || file.includes('\0')) {
      return { ok: false, error: new AppError('validation', phrase('errors:staging.onlyAdded')).toData() };

    }
    try {
      return { ok: true, value: await staging.grantPath(file) };
    } catch (err) {
      return { ok: false, error: toAppError(err).toData() };
    }
  });
}
