// The certificate authorities the app's TLS connections trust. Node trusts its own copy of Mozilla's list (and the
// file NODE_EXTRA_CA_CERTS names); Chromium, curl and every other program on the machine trust the operating
// system's store, which is where a company installs the authority of its TLS-inspecting proxy, of its HTTPS proxy, or
// of its own servers. So the app adds the system's store to Node's list once, at start, where Node can read it:
// Node 22.19 / 24.5 and later, which the desktop app's Electron 45 (Node 24) is. Older Nodes (the browser host or
// the CLI run by an older `node`) keep Node's list; NODE_EXTRA_CA_CERTS works there.
import tls from 'node:tls';

type CaKind = 'default' | 'system' | 'bundled' | 'extra';

/** The part of `node:tls` this reads and sets; the two functions are missing in Nodes older than 22.19. */
export interface CaStore {
  readonly rootCertificates: readonly string[];
  getCACertificates?: (kind?: CaKind) => string[];
  setDefaultCACertificates?: (certs: string[]) => void;
}

export type SystemTrust =
  /** `added`: the system's authorities that were not in Node's list already; `system`: all the system's. */
  | { outcome: 'added'; added: number; system: number }
  /** This Node cannot read the system's store. */
  | { outcome: 'unsupported' }
  /** Reading or setting failed (a keychain that refused, a store that could not be parsed): Node's list is kept. */
  | { outcome: 'failed'; reason: string };

const NODE_TLS: CaStore = tls;
const outcomes = new WeakMap<CaStore, SystemTrust>();

function sameCertificate(pem: string): string {
  return pem.replace(/\s+/g, '');
}

/**
 * Makes the system's authorities part of the default list every later TLS connection trusts (a connection that
 * names its own `ca` excepted: see defaultRoots). Once per store: reading a system's store can take tens of
 * milliseconds, and hosts and tests start the app's services many times in one process.
 */
export function trustSystemCertificates(store: CaStore = NODE_TLS): SystemTrust {
  const known = outcomes.get(store);
  if (known) return known;
  const outcome = readSystemInto(store);
  outcomes.set(store, outcome);
  return outcome;
}

function readSystemInto(store: CaStore): SystemTrust {
  const { getCACertificates, setDefaultCACertificates } = store;
  if (typeof getCACertificates !== 'function' || typeof setDefaultCACertificates !== 'function') return { outcome: 'unsupported' };
  try {
    const current = getCACertificates.call(store, 'default');
    const system = getCACertificates.call(store, 'system');
    const seen = new Set(current.map(sameCertificate));
    const fresh = system.filter((pem) => {
      const key = sameCertificate(pem);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (fresh.length > 0) setDefaultCACertificates.call(store, [...current, ...fresh]);
    return { outcome: 'added', added: fresh.length, system: system.length };
  } catch (err) {
    return { outcome: 'failed', reason: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * The authorities a connection that brings an account's own certificate trusts beside it. Node's `ca` option
 * replaces the default list instead of adding to it, so the default list (with the system's store once trusted, and
 * NODE_EXTRA_CA_CERTS) is given again; on a Node without getCACertificates, Mozilla's list.
 */
export function defaultRoots(store: CaStore = NODE_TLS): readonly string[] {
  return typeof store.getCACertificates === 'function' ? store.getCACertificates('default') : store.rootCertificates;
}

/** The outcome in a line for the activity log (English, as the log is). */
export function describeSystemTrust(trust: SystemTrust): string {
  switch (trust.outcome) {
    case 'added':
      return `Certificates: the system's store is trusted (${trust.system} authorities, ${trust.added} beyond Node's own list).`;
    case 'unsupported':
      return `Certificates: Node ${process.versions.node} cannot read the system's store; Node's own list and NODE_EXTRA_CA_CERTS are trusted.`;
    case 'failed':
      return `Certificates: the system's store could not be read (${trust.reason}); Node's own list and NODE_EXTRA_CA_CERTS are trusted.`;
  }
}
