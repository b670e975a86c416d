// What both hosts' tests check of a preview that failed: a real activity log (a temporary folder, the app's redactor
// knowing one account secret) and an error whose words carry secrets in the shapes a failure may quote them in.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LogEntry } from '../../main/common/contract';
import { ActivityLog } from '../../main/core/log/activity-log';
import { createRedactor } from '../../main/core/log/redact';

/** A saved password, known to the redactor as the vault's values are; said in the error without a shape to catch. */
const KNOWN_SECRET = 'k9-saved-account-secret';
/** Everything in the hostile error that must never reach the log, the known secret among them. */
export const SECRETS = ['tok_live_9f8e7d6c5b4a', 'QUN4eHg6c2VjcmV0cGFzc3dvcmQ=', KNOWN_SECRET] as const;

/** Not an AppError: what a library's bug or a socket's failure throws, quoting the request it was making. */
export function hostileError(): Error {
  return new Error(`socket hang up: GET https://api.example.test/Media/ME1?token=${SECRETS[0]} with Authorization: Basic ${SECRETS[1]} (password ${KNOWN_SECRET})`);
}

export interface TempLog {
  log: ActivityLog;
  /** The entries as written to the file support exports. */
  written(): Promise<LogEntry[]>;
  remove(): Promise<void>;
}

export async function tempLog(): Promise<TempLog> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-media-log-'));
  const log = new ActivityLog({ dataDir, redact: createRedactor(() => [KNOWN_SECRET]) });
  return {
    log,
    async written() {
      await log.flush();
      const text = await fs.readFile(log.file, 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as LogEntry);
    },
    async remove() {
      // Entries still being appended would write into the folder as it goes.
      await log.flush();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
