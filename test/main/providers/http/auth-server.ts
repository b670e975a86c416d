// A server on loopback that demands HTTP authentication as real web services do: Digest (RFC 7616, the algorithms
// it is told to offer, qop=auth, nonce counts checked, a nonce it can declare stale once) or Basic. It answers
// `Expect: 100-continue` as Apache does: a request without valid credentials gets its 401 before the body; with
// them, a 100 and then the body is read. It counts every body byte it receives, per request.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AuthServerOptions {
  scheme: 'digest' | 'basic';
  /** Digest algorithms offered, strongest last as many servers list them (default ['MD5']). */
  algorithms?: string[];
  username: string;
  password: string;
  realm?: string;
  /** The first valid Digest answer is refused with stale=true (its nonce "expired"). */
  staleOnce?: boolean;
  /** Answers Expect: 100-continue neither with 100 nor with 401: waits for the body (a server that ignores Expect). */
  ignoreExpect?: boolean;
  /** Offers userhash=true. */
  userhash?: boolean;
}

export interface AuthServerRequest {
  method: string;
  path: string;
  authorization?: string;
  expect?: string;
  /** Body bytes that reached the server. */
  bodyBytes: number;
  status: number;
}

export interface AuthServer {
  origin: string;
  requests: AuthServerRequest[];
  /** Total body bytes received over all requests. */
  bodyBytes(): number;
  close(): Promise<void>;
}

function parseParams(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([A-Za-z0-9*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g)) {
    out[(m[1] ?? '').toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  return out;
}

export async function startAuthServer(options: AuthServerOptions, answer: (path: string) => { status: number; body: string } = () => ({ status: 200, body: '{"media_url":"https://media.example/m/1.mp4"}' })): Promise<AuthServer> {
  const realm = options.realm ?? 'media@example';
  const algorithms = options.algorithms ?? ['MD5'];
  const requests: AuthServerRequest[] = [];
  const nonces = new Map<string, number>(); // nonce → highest nc seen
  let staleLeft = options.staleOnce === true;

  const challenge = (stale = false): string[] => {
    if (options.scheme === 'basic') return [`Basic realm="${realm}", charset="UTF-8"`];
    return algorithms.map((algorithm) => {
      const nonce = randomBytes(12).toString('hex');
      nonces.set(nonce, 0);
      return `Digest realm="${realm}", qop="auth", algorithm=${algorithm}, nonce="${nonce}", opaque="op\\"aque"${stale ? ', stale=true' : ''}${options.userhash ? ', userhash=true' : ''}`;
    });
  };

  /** 'ok', 'stale' or 'bad'. */
  const verify = (method: string, header: string | undefined): 'ok' | 'stale' | 'bad' => {
    if (!header) return 'bad';
    if (options.scheme === 'basic') {
      const expected = `Basic ${Buffer.from(`${options.username}:${options.password}`, 'utf8').toString('base64')}`;
      return header === expected ? 'ok' : 'bad';
    }
    if (!header.startsWith('Digest ')) return 'bad';
    const p = parseParams(header.slice(7));
    const algorithm = p.algorithm ?? 'MD5';
    if (!algorithms.includes(algorithm) || !p.nonce || !nonces.has(p.nonce) || p.qop !== 'auth' || !p.nc || !p.cnonce) return 'bad';
    const hash = (text: string): string => createHash(algorithm.startsWith('SHA-256') ? 'sha256' : 'md5').update(text, 'utf8').digest('hex');
    const username = p['username*'] !== undefined ? decodeURIComponent(p['username*'].replace(/^UTF-8''/i, '')) : (p.username ?? '');
    if (p.userhash === 'true' ? username !== hash(`${options.username}:${realm}`) : username !== options.username) return 'bad';
    if (p.realm !== realm || p.opaque !== 'op"aque') return 'bad';
    const nc = parseInt(p.nc, 16);
    if (nc <= (nonces.get(p.nonce) ?? 0)) return 'bad'; // a replayed count
    let ha1 = hash(`${options.username}:${realm}:${options.password}`);
    if (algorithm.endsWith('-sess')) ha1 = hash(`${ha1}:${p.nonce}:${p.cnonce}`);
    const ha2 = hash(`${method}:${p.uri ?? ''}`);
    if (p.response !== hash(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`)) return 'bad';
    nonces.set(p.nonce, nc);
    if (staleLeft) {
      staleLeft = false;
      nonces.delete(p.nonce);
      return 'stale';
    }
    return 'ok';
  };

  const refuse = (record: AuthServerRequest, res: http.ServerResponse, stale: boolean): void => {
    record.status = 401;
    res.writeHead(401, { 'www-authenticate': challenge(stale), 'content-type': 'application/json', connection: 'close' });
    res.end('{"message":"Authentication required"}');
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse, checkingContinue: boolean): void => {
    const record: AuthServerRequest = { method: req.method ?? '', path: req.url ?? '', bodyBytes: 0, status: 0 };
    if (req.headers.authorization !== undefined) record.authorization = req.headers.authorization;
    if (req.headers.expect !== undefined) record.expect = req.headers.expect;
    requests.push(record);
    req.on('data', (chunk: Buffer) => (record.bodyBytes += chunk.length));
    const verdict = verify(record.method, req.headers.authorization);
    if (verdict !== 'ok' && !(checkingContinue && options.ignoreExpect)) {
      refuse(record, res, verdict === 'stale');
      return;
    }
    if (checkingContinue && !options.ignoreExpect) res.writeContinue();
    req.on('end', () => {
      if (verdict !== 'ok') {
        refuse(record, res, verdict === 'stale');
        return;
      }
      const { status, body } = answer(req.url ?? '');
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    });
  };

  const server = http.createServer((req, res) => handle(req, res, false));
  server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => handle(req, res, true));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    bodyBytes: () => requests.reduce((sum, r) => sum + r.bodyBytes, 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
