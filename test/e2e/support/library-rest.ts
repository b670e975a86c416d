// The sandbox's media library, reached the way any client would: its REST API (PROTOCOLS.md section 2) with the
// credentials the embedded sandbox wrote into its accounts file. End-to-end tests use it to set things up and to
// check, from outside the app, what the app did.
import { promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export interface LibraryCredentials {
  serverUrl: string;
  domain: string;
  userId: string;
  appId: string;
  password: string;
}

export interface SandboxLibrary {
  demo: LibraryCredentials;
  other: LibraryCredentials;
}

/** The library part of sandbox-accounts.json, written by the sandbox the browser host started in its data dir. */
async function readWhenWritten(file: string, timeoutMs = 20_000): Promise<string> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    try {
      return await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export async function readSandboxLibrary(dataDir: string): Promise<SandboxLibrary> {
  const file = path.join(dataDir, 'sandbox', 'sandbox-accounts.json');
  // The host says it is ready before its sandbox has written this file (the app boots behind the page): wait for it.
  const json = JSON.parse(await readWhenWritten(file)) as {
    library: { serverUrl: string; domain: string; userId: string; appId: string; password: string; otherUser: { userId: string; appId: string; password: string } };
  };
  const lib = json.library;
  return {
    demo: { serverUrl: lib.serverUrl, domain: lib.domain, userId: lib.userId, appId: lib.appId, password: lib.password },
    other: { serverUrl: lib.serverUrl, domain: lib.domain, ...lib.otherUser },
  };
}

export interface RestAnswer {
  status: number;
  body: Buffer;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** One request to /rest/1.0/media/{domain}/{...segments} as `who`. */
export function rest(who: LibraryCredentials, method: string, segments: string[], body?: { json?: unknown; bytes?: Buffer }, accept = 'application/json'): Promise<RestAnswer> {
  const url = new URL(who.serverUrl);
  const target = `/rest/1.0/media/${[who.domain, ...segments].map(encodeURIComponent).join('/')}`;
  const payload = body?.json !== undefined ? Buffer.from(JSON.stringify(body.json)) : body?.bytes;
  const headers: Record<string, string> = {
    authorization: `Basic ${Buffer.from(`${who.userId}:${who.password}`).toString('base64')}`,
    'x-application-id': who.appId,
    accept,
  };
  if (payload) {
    headers['content-type'] = body?.json !== undefined ? 'application/json' : 'application/octet-stream';
    headers['content-length'] = String(payload.length);
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: target, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function expectStatus(answer: Promise<RestAnswer>, ok: number[], what: string): Promise<RestAnswer> {
  const got = await answer;
  if (!ok.includes(got.status)) throw new Error(`${what}: HTTP ${got.status} ${got.body.toString('utf8').slice(0, 200)}`);
  return got;
}

export const createFolder = (who: LibraryCredentials, folder: string) => expectStatus(rest(who, 'POST', [], { json: { id: folder } }), [201], `create folder ${folder}`);

/** Creates the file entry and uploads its bytes. */
export async function putFile(who: LibraryCredentials, folder: string, name: string, bytes: Buffer): Promise<void> {
  await expectStatus(rest(who, 'POST', [folder], { json: { id: name } }), [201], `create ${folder}/${name}`);
  await expectStatus(rest(who, 'POST', [folder, name], { bytes }), [200, 201], `upload ${folder}/${name}`);
}

export const putAcl = (who: LibraryCredentials, target: string[], acl: { readUsers: string[]; readApps: string[]; writeUsers: string[]; writeApps: string[] }) =>
  expectStatus(rest(who, 'PUT', [...target, 'acl'], { json: acl }), [200, 202], `put acl of ${target.join('/')}`);

/** `count` empty file entries named {stem}-00000.jpg…, created `parallel` requests at a time. */
export async function createManyFiles(who: LibraryCredentials, folder: string, count: number, stem = 'file', parallel = 16): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const n = next++;
      await expectStatus(rest(who, 'POST', [folder], { json: { id: `${stem}-${String(n).padStart(5, '0')}.jpg` } }), [201], `create file ${n}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
