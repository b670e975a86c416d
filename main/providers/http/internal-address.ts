// Addresses on this machine or on its private networks. A server must not be able to send us there by a redirect
// (server-side request forgery: the answer of an admin page on 127.0.0.1 or a cloud metadata service on 169.254.169.254
// would reach the window). Checked on the host as written and, for a name, on what it resolves to when connecting.
import type { LookupAddress, LookupOptions } from 'node:dns';
import dns from 'node:dns';
import { BlockList, isIP } from 'node:net';

const INTERNAL = new BlockList();
INTERNAL.addSubnet('0.0.0.0', 8, 'ipv4'); // "this network": 0.0.0.0 reaches this machine
INTERNAL.addSubnet('127.0.0.0', 8, 'ipv4'); // loopback
INTERNAL.addSubnet('10.0.0.0', 8, 'ipv4'); // RFC 1918
INTERNAL.addSubnet('172.16.0.0', 12, 'ipv4');
INTERNAL.addSubnet('192.168.0.0', 16, 'ipv4');
INTERNAL.addSubnet('100.64.0.0', 10, 'ipv4'); // carrier-grade NAT, also VPN overlays' own networks
INTERNAL.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local, cloud metadata services
INTERNAL.addAddress('::', 'ipv6'); // unspecified
INTERNAL.addAddress('::1', 'ipv6'); // loopback
INTERNAL.addSubnet('fc00::', 7, 'ipv6'); // unique local
INTERNAL.addSubnet('fe80::', 10, 'ipv6'); // link-local

function bare(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
}

/** An IP address (v4, v6, v4-mapped v6) on this machine or a private network; false for a name. */
export function isInternalAddress(address: string): boolean {
  const ip = bare(address);
  const family = isIP(ip);
  if (family === 0) return false;
  return INTERNAL.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * A URL's hostname that names this machine or a private network as written: an internal IP address, or localhost
 * and its subdomains (RFC 6761: they never leave this machine, whatever DNS says). Other names are checked when
 * connecting (publicLookup).
 */
export function isInternalHost(hostname: string): boolean {
  const host = bare(hostname);
  return host === 'localhost' || host.endsWith('.localhost') || isInternalAddress(host);
}

/** Thrown from a lookup whose name resolved to an internal address; the transport says it in words. */
export const INTERNAL_ADDRESS = 'EMDINTERNALADDRESS';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * dns.lookup that fails when the name resolves to an internal address, for a socket's `lookup` option: the check
 * happens on the very addresses the socket then connects to, so a name cannot resolve one way when checked and
 * another when used.
 */
export function publicLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) {
      callback(err, []);
      return;
    }
    const internal = addresses.find((a) => isInternalAddress(a.address));
    if (internal !== undefined) {
      callback(Object.assign(new Error(`${hostname} resolves to ${internal.address}`), { code: INTERNAL_ADDRESS, address: internal.address }), []);
      return;
    }
    if (options.all === true) callback(null, addresses);
    else callback(null, addresses[0]?.address ?? '', addresses[0]?.family);
  });
}
