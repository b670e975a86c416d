// The twilio provider's transfer runners (uploads and downloads through the shared queue).
import type { TransferQueue } from '../../core/transfers/transfer-queue.js';
import type { RunnerContext } from './index.js';

export function registerTwilioRunners(_queue: TransferQueue, _context: RunnerContext): void {}
