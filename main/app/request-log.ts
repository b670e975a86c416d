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
  const asked = `${record.method} ${record.where}: the proxy ${record.proxy} (from ${sourceOf(record)}) asked for a user name and password (407)`;
  const { heldBack } = record;
  if (heldBack !== undefined) {
    const whose = heldBack.boundTo !== undefined ? `they are for the proxy ${heldBack.boundTo} only` : 'no proxy is named for them yet';
    log.warn('http', `${asked}; the ones in Settings were not sent to it: ${whose}. If ${record.origin} is your proxy, name it in Settings, Network.`);
    return;
  }
  // Through a proxy, a plain http:// request's 407 may be the server's, passed on: the proxy was named in Settings.
  const plain = record.plain ? ' (on a plain http:// request, so it may have come from the server through the proxy; the proxy is the one named in Settings)' : '';
  log.info('http', `${asked}${plain}; it is sent the ones in Settings from now on.`);
}

function logProxySkip(log: ActivityLog, record: ProxySkipRecord): void {
  const source = sourceOf(record);
  const next = record.nextProxy !== undefined ? `the proxy ${record.nextProxy}` : 'a direct connection, as the proxy list allows';
  log.warn('http', `${record.method} ${record.where}: passed over the proxy ${record.proxy} (from ${source}), ${BECAUSE[record.because]} (${record.code}); trying ${next} next.`);
}
