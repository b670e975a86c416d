// What the activity log says of each request the transport sends: one line for its outcome, and one before it for
// each proxy of its route that was passed over, so an admin behind a list of proxies sees which one failed and why,
// and one for each proxy that asked for the user name and password of Settings (which it gets from then on).
// The transport gives origin and path (secrets masked by the request's builder) and a proxy's host:port only; the
// log's redactor still runs over every line.
import { inEnglish } from '../common/i18n/phrase.js';
import type { ActivityLog } from '../core/log/activity-log.js';
import { observeProxyAsks, observeProxySkips, observeRequests, type ProxyAskRecord, type ProxySkipRecord, type RequestRecord } from '../providers/http/transport.js';

export function logRequests(log: ActivityLog): void {
  observeRequests((record) => logRequest(log, record));
  observeProxySkips((record) => logProxySkip(log, record));
  observeProxyAsks((record) => logProxyAsk(log, record));
}

function logRequest(log: ActivityLog, record: RequestRecord): void {
  const { where } = record;
  const note = record.note !== undefined ? `; ${record.note}` : '';
  if (record.error) log.warn('http', `${record.method} ${where} failed: ${record.error.message}${record.note !== undefined ? ` (${record.note})` : ''}`);
  else log.add(record.status !== undefined && record.status >= 400 ? 'warn' : 'info', 'http', `${record.method} ${where} → ${record.status} (${record.durationMs} ms${note})`);
}

const BECAUSE: Record<ProxySkipRecord['because'], string> = {
  unreachable: 'which could not be connected to',
  untrusted: 'whose certificate this app does not trust (nothing was sent through it)',
  tlsFailed: 'whose secure connection failed (nothing was sent through it; it may not be an HTTPS proxy)',
};

function sourceOf(record: { source: ProxySkipRecord['source'] }): string {
  return typeof record.source === 'string' ? record.source : inEnglish(record.source);
}

function logProxyAsk(log: ActivityLog, record: ProxyAskRecord): void {
  log.info('http', `${record.method} ${record.where}: the proxy ${record.proxy} (from ${sourceOf(record)}) asked for a user name and password (407); it is sent the ones in Settings from now on.`);
}

function logProxySkip(log: ActivityLog, record: ProxySkipRecord): void {
  const source = sourceOf(record);
  const next = record.nextProxy !== undefined ? `the proxy ${record.nextProxy}` : 'a direct connection, as the proxy list allows';
  log.warn('http', `${record.method} ${record.where}: passed over the proxy ${record.proxy} (from ${source}), ${BECAUSE[record.because]} (${record.code}); trying ${next} next.`);
}
