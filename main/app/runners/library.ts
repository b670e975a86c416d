// The library provider's transfer runners (uploads and downloads through the shared queue).
import type { TransferQueue } from '../../core/transfers/transfer-queue.js';
import type { RunnerContext } from './index.js';

export function registerLibraryRunners(_queue: TransferQueue, _context: RunnerContext): void {}
