// The app trusts the operating system's certificate authorities beside Node's own, where Node can read them, as
// Chromium and curl do: a company's CA installed in the system then works for its proxy and servers. The Node that
// runs these tests (20) has neither getCACertificates nor setDefaultCACertificates, so the store here is a stand-in
// that behaves as Node 24's documents them: "default" is what connections trust, and setting it replaces it.
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { send } from '../../../../main/providers/http/transport';
import { defaultRoots, describeSystemTrust, trustSystemCertificates, type CaStore } from '../../../../main/providers/http/trusted-roots';
import { selfSignedCertificate } from '../../../reliability/support/cert';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

const MOZILLA = ['-----BEGIN CERTIFICATE-----\nMOZILLA-ROOT-A\n-----END CERTIFICATE-----\n', '-----BEGIN CERTIFICATE-----\nMOZILLA-ROOT-B\n-----END CERTIFICATE-----\n'];
const COMPANY_CA = '-----BEGIN CERTIFICATE-----\nCOMPANY-CA\n-----END CERTIFICATE-----\n';

/** Node 24's store as its documents describe it; `reads` counts the system store's reads. */
function nodeStore(system: () => string[]) {
  const store = {
    rootCertificates: MOZILLA,
    defaults: [...MOZILLA],
    reads: 0,
    getCACertificates(kind: 'default' | 'system' | 'bundled' | 'extra' = 'default'): string[] {
      if (kind === 'system') {
        store.reads += 1;
        return system();
      }
      if (kind === 'bundled') return [...MOZILLA];
      if (kind === 'extra') return [];
      return [...store.defaults];
    },
    setDefaultCACertificates(certs: string[]): void {
      store.defaults = [...certs];
    },
  };
  return store;
}

describe('trusting the system certificate store', () => {
  it("adds the system's authorities to Node's own list, keeping Node's", () => {
    // The system store repeats a Mozilla root (as Debian's does), with its lines wrapped differently.
    const store = nodeStore(() => [MOZILLA[0]!.replace(/\n/g, '\r\n'), COMPANY_CA]);
    const trust = trustSystemCertificates(store);
    expect(trust).toEqual({ outcome: 'added', added: 1, system: 2 });
    expect(store.defaults).toEqual([...MOZILLA, COMPANY_CA]);
    expect(defaultRoots(store)).toContain(COMPANY_CA);
    expect(describeSystemTrust(trust)).toBe("Certificates: the system's store is trusted (2 authorities, 1 beyond Node's own list).");
  });

  it('reads the system store once, however many times the app starts in one process', () => {
    const store = nodeStore(() => [COMPANY_CA]);
    trustSystemCertificates(store);
    trustSystemCertificates(store);
    expect(store.reads).toBe(1);
    expect(store.defaults.filter((pem) => pem === COMPANY_CA)).toHaveLength(1);
  });

  it("keeps Node's list when the system store cannot be read, and says why", () => {
    const store = nodeStore(() => {
      throw new Error('The keychain refused access');
    });
    const trust = trustSystemCertificates(store);
    expect(trust).toEqual({ outcome: 'failed', reason: 'The keychain refused access' });
    expect(store.defaults).toEqual(MOZILLA);
    expect(describeSystemTrust(trust)).toContain('could not be read (The keychain refused access)');
  });

  it('changes nothing on a Node that cannot read the system store', () => {
    const store: CaStore = { rootCertificates: MOZILLA };
    expect(trustSystemCertificates(store)).toEqual({ outcome: 'unsupported' });
    expect(defaultRoots(store)).toEqual(MOZILLA);
  });

  it("says on this machine's Node what it did, by what that Node offers", () => {
    const offered = typeof (tls as CaStore).setDefaultCACertificates === 'function';
    const trust = trustSystemCertificates();
    expect(trust.outcome === 'unsupported').toBe(!offered);
    expect(describeSystemTrust(trust)).toMatch(/^Certificates: /);
  });
});

describe.skipIf(!hasOpenssl)("an account's own certificate (skipped where openssl cannot make two distinct ones)", () => {
  it("is trusted beside the default list, not instead of it: a server the default list trusts stays reachable", async () => {
    // The company's server, whose CA is in the default list (as it is once the system's store is trusted), and an
    // account that brings a certificate of its own, another one.
    const company = await selfSignedCertificate();
    const accountOwn = await selfSignedCertificate();
    const server = https.createServer({ cert: company.cert, key: company.key }, (_req, res) => res.end('hello')).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const node = tls as CaStore;
    const before = node.getCACertificates;
    // Node 20 has no getCACertificates: it is given here the way Node 24 answers once the system's CA was added.
    node.getCACertificates = (kind) => (kind === 'default' || kind === undefined ? [...tls.rootCertificates, company.cert] : []);
    try {
      const url = new URL(`https://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const res = await send({ method: 'GET', url, tls: { ca: accountOwn.cert }, timeoutMs: 3000 });
      expect(res.status).toBe(200);
    } finally {
      if (before) node.getCACertificates = before;
      else delete node.getCACertificates;
      server.closeAllConnections();
      server.close();
    }
  });
});
