// Every transfer runner, registered once when the app starts; one file per provider.
import type { AccountStore } from '../../core/accounts/account-store.js';
import type { ActivityLog } from '../../core/log/activity-log.js';
import type { TransferQueue } from '../../core/transfers/transfer-queue.js';
import type { WrittenFiles } from '../written-files.js';
import { GENERIC_UPLOAD, genericUploadRunner } from './generic-upload.js';
import { registerLibraryJobRunners } from './library-jobs.js';
import { registerLibraryRunners } from './library.js';
import { registerTwilioRunners } from './twilio.js';

export interface RunnerContext {
  accounts: AccountStore;
  log: ActivityLog;
}

export interface DownloadRunnerContext extends RunnerContext {
  /** The files the download runners saved: the only ones an "overwrite" may replace. */
  written: WrittenFiles;
}

export function registerRunners(queue: TransferQueue, context: DownloadRunnerContext): void {
  queue.registerRunner(GENERIC_UPLOAD, genericUploadRunner(context.accounts));
  registerLibraryRunners(queue, context);
  registerLibraryJobRunners(queue, context);
  registerTwilioRunners(queue, context);
}
