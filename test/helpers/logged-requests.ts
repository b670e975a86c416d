// What the app's activity log says of the requests a test sends (level, scope, message), through the app's own
// request log (main/app/request-log.ts), so a proxy passed over is checked in the words a user reads.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { logRequests } from '../../main/app/request-log';
import { ActivityLog } from '../../main/core/log/activity-log';
import { createRedactor } from '../../main/core/log/redact';
import { observeProxyAsks, observeProxySkips, observeRequests } from '../../main/providers/http/transport';

export async function logged(run: () => Promise<void>): Promise<string[]> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-proxy-log-'));
  // A redactor that knows no secret: a credential in a line would show as it is.
  const log = new ActivityLog({ dataDir, redact: createRedactor(() => []) });
  logRequests(log);
  try {
    await run();
  } finally {
    observeRequests(undefined);
    observeProxySkips(undefined);
    observeProxyAsks(undefined);
    await log.flush();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
  return log.list().map((e) => `${e.level} ${e.scope} ${e.message}`);
}

/** The log's line for a proxy of the system's list passed over for the next entry. */
export const passedOver = (request: string, proxy: string, code: string, next: string): string =>
  `warn http ${request}: passed over the proxy ${proxy} (from the system proxy settings), which could not be connected to (${code}); trying ${next} next.`;
