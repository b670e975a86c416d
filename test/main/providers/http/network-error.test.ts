// A server's certificate this app does not trust is said as such, with the remedy (the account's own certificate),
// whichever way OpenSSL put it: self-signed, or issued by a CA it does not know, the usual case behind a company's
// own CA. Real certificates made by openssl, a real https server, the app's transport.
import { execFile, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTlsFailure } from '../../../../main/providers/http/network-error';
import { send } from '../../../../main/providers/http/transport';

const run = promisify(execFile);
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

interface Issued {
  caCert: string;
  intermediateCert: string;
  leafCert: string;
  leafKey: string;
}

/**
 * A CA of its own, an intermediate CA it issued, and a certificate for 127.0.0.1 the intermediate issued, as company
 * CAs are laid out.
 */
async function issueFromOwnCa(): Promise<Issued> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-own-ca-'));
  const file = (name: string) => path.join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    await run('openssl', ['req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.crt'), '-days', '2', '-subj', '/CN=Media Desk test CA'], { timeout: 10_000 });
    await fs.writeFile(file('intermediate.cnf'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n');
    await fs.writeFile(file('leaf.cnf'), 'subjectAltName=IP:127.0.0.1\n');
    const issue = async (name: string, subject: string, issuer: string) => {
      await run('openssl', ['req', ...ec, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', subject], { timeout: 10_000 });
      // prettier-ignore
      await run('openssl', ['x509', '-req', '-in', file(`${name}.csr`), '-CA', file(`${issuer}.crt`), '-CAkey', file(`${issuer}.key`), '-CAcreateserial', '-out', file(`${name}.crt`), '-days', '2', '-extfile', file(`${name}.cnf`)], { timeout: 10_000 });
    };
    await issue('intermediate', '/CN=Media Desk test intermediate CA', 'ca');
    await issue('leaf', '/CN=127.0.0.1', 'intermediate');
    const read = (name: string) => fs.readFile(file(name), 'utf8');
    return { caCert: await read('ca.crt'), intermediateCert: await read('intermediate.crt'), leafCert: await read('leaf.crt'), leafKey: await read('leaf.key') };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

let issued: Issued;
const servers: https.Server[] = [];
beforeAll(async () => void (hasOpenssl && (issued = await issueFromOwnCa())));
afterAll(() => servers.forEach((server) => (server.closeAllConnections(), server.close())));

async function serve(cert: string, key: string): Promise<string> {
  const server = https.createServer({ cert, key }, (_req, res) => res.end('hello')).listen(0, '127.0.0.1');
  servers.push(server);
  await once(server, 'listening');
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const untrusted = (host: string, code: string) => `The certificate of ${host} is not trusted (${code}). Add the server's certificate to this account to trust it.`;

describe.skipIf(!hasOpenssl)("a server's certificate issued by a CA this app does not know (skipped where openssl cannot be run to make one)", () => {
  it.each([
    ['the server sends its certificate alone', ['leafCert'], 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
    ['the server sends the intermediate along', ['leafCert', 'intermediateCert'], 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'],
    ['the server sends the whole chain', ['leafCert', 'intermediateCert', 'caCert'], 'SELF_SIGNED_CERT_IN_CHAIN'],
  ] as const)('is said as not trusted, with the remedy: %s', async (_what, chain, code) => {
    const host = await serve(chain.map((part) => issued[part]).join(''), issued.leafKey);
    const failure = await send({ method: 'GET', url: new URL(`https://${host}/`), timeoutMs: 3000 }).catch((err: unknown) => err);
    expect(String((failure as Error).message)).toBe(untrusted(host, code));
    expect(failure).toMatchObject({ code: 'network' });
  });

  it("is trusted once the account's certificate is that CA's", async () => {
    const host = await serve(`${issued.leafCert}${issued.intermediateCert}`, issued.leafKey);
    const res = await send({ method: 'GET', url: new URL(`https://${host}/`), tls: { ca: issued.caCert }, timeoutMs: 3000 });
    expect(res.status).toBe(200);
  });
});

describe('which failures are TLS failures', () => {
  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', true],
    ['CERT_NOT_YET_VALID', true],
    ['ERR_TLS_CERT_ALTNAME_INVALID', true],
    ['ERR_SSL_WRONG_VERSION_NUMBER', true],
    ['EPROTO', true],
    ['ECONNRESET', false],
    ['ETIMEDOUT', false],
    ['ECONNREFUSED', false],
  ])('%s: %s', (code, tlsFailure) => {
    expect(isTlsFailure(Object.assign(new Error(code), { code }))).toBe(tlsFailure);
  });
});
