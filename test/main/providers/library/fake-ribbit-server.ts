// A small in-memory Ribbit media server for the client's tests: node:http on 127.0.0.1, port 0. It checks the
// credentials (HTTP Basic + X-Application-Id), records every request, and lets a test take over any route to send
// what real servers send (odd shapes, short bodies, stalls). It does not enforce ACLs: tests that need a refusal
// name the ids to refuse; the ACL rules themselves are exercised against the real sandbox.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAccount {
  userId: string;
  password: string;
  appId: string;
}

export interface RecordedRequest {
  method: string;
  /** The raw request target, still percent-encoded. */
  url: string;
  /** Decoded path below /rest/1.0, e.g. /media/dom/folder */
  path: string;
  headers: http.IncomingHttpHeaders;
  bodyBytes: number;
  /** The client went away before the whole body arrived. */
  aborted: boolean;
}

export interface FakeItem {
  id: string;
  createdBy: string;
  createdWith: string;
  createdOn: string;
  acl: Record<'readUsers' | 'readApps' | 'writeUsers' | 'writeApps', string[]>;
}
export interface FakeFile extends FakeItem {
  content: Buffer;
}
export interface FakeFolder extends FakeItem {
  files: Map<string, FakeFile>;
}

/** Handles a request instead of the normal routes; `body` is the request body already read. */
export type Interceptor = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

export interface FakeRibbit {
  /** e.g. http://127.0.0.1:43210 (the client appends /rest/1.0) */
  serverUrl: string;
  domain: string;
  account: FakeAccount;
  requests: RecordedRequest[];
  folders: Map<string, FakeFolder>;
  voicemails: Map<string, Buffer>;
  /** Ids ("folder" or "folder/file") whose ACL change, upload or delete is refused with 403. */
  denyWrite: Set<string>;
  /** How PUT .../acl answers: 200 with the saved entry, or 202 with an empty body. */
  aclPutReply: '200-entry' | '202-empty';
  /** Take over "METHOD /decoded/path" (below /rest/1.0) for the rest of the test. */
  intercept(method: string, path: string, handler: Interceptor): void;
  /** Resolves when a request with an incomplete body has been seen. */
  nextAbortedUpload(): Promise<RecordedRequest>;
  addFolder(id: string, creator?: string): FakeFolder;
  addFile(folder: string, name: string, content: Buffer, creator?: string): FakeFile;
  close(): Promise<void>;
}

const PREFIX = '/rest/1.0';

function item(id: string, createdBy: string, createdWith: string): FakeItem {
  return { id, createdBy, createdWith, createdOn: '2024-05-01T10:00:00Z', acl: { readUsers: [], readApps: [], writeUsers: [], writeApps: [] } };
}

function entryOf(base: FakeItem, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { id, createdBy, createdWith, createdOn, acl } = base;
  return { id, createdWith, createdBy, createdOn, ...acl, ...extra };
}

function json(res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(body.length), ...headers });
  res.end(body);
}

function fail(res: http.ServerResponse, status: number, message: string): void {
  json(res, status, { message });
}

function sendBytes(req: http.IncomingMessage, res: http.ServerResponse, content: Buffer, type: string): void {
  const match = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ''));
  if (!match) {
    res.writeHead(200, { 'content-type': type, 'content-length': String(content.length), 'accept-ranges': 'bytes' });
    res.end(content);
    return;
  }
  const size = content.length;
  const start = match[1] ? Number(match[1]) : Math.max(0, size - Number(match[2]));
  const end = match[1] && match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  if (start >= size || start > end) {
    res.writeHead(416, { 'content-range': `bytes */${size}`, 'content-length': '0' });
    res.end();
    return;
  }
  res.writeHead(206, { 'content-type': type, 'content-length': String(end - start + 1), 'content-range': `bytes ${start}-${end}/${size}`, 'accept-ranges': 'bytes' });
  res.end(content.subarray(start, end + 1));
}

export async function startFakeRibbit(account: FakeAccount = { userId: 'u-admin', password: 'pw-admin', appId: 'app-desk' }, domain = 'demo'): Promise<FakeRibbit> {
  const interceptors = new Map<string, Interceptor>();
  const abortWaiters: Array<(r: RecordedRequest) => void> = [];
  const expectedAuth = `Basic ${Buffer.from(`${account.userId}:${account.password}`).toString('base64')}`;

  const fake: FakeRibbit = {
    serverUrl: '',
    close: async () => undefined,
    domain,
    account,
    requests: [],
    folders: new Map(),
    voicemails: new Map(),
    denyWrite: new Set(),
    aclPutReply: '200-entry',
    intercept: (method, path, handler) => void interceptors.set(`${method} ${path}`, handler),
    nextAbortedUpload: () => new Promise((resolve) => abortWaiters.push(resolve)),
    addFolder(id, creator = account.userId) {
      const folder: FakeFolder = { ...item(id, creator, account.appId), files: new Map() };
      fake.folders.set(id, folder);
      return folder;
    },
    addFile(folderId, name, content, creator = account.userId) {
      const folder = fake.folders.get(folderId) ?? fake.addFolder(folderId);
      const file: FakeFile = { ...item(`${folderId}/${name}`, creator, account.appId), content };
      folder.files.set(name, file);
      return file;
    },
  };

  function route(req: http.IncomingMessage, res: http.ServerResponse, segments: string[], body: Buffer): void {
    const method = req.method ?? 'GET';
    const [media, dom, folderId, fileId, extra] = segments;
    if (media !== 'media' || dom !== domain) return fail(res, 404, 'no such domain');
    if (req.headers.authorization !== expectedAuth || req.headers['x-application-id'] !== account.appId) return fail(res, 401, 'bad credentials');
    const folder = folderId === undefined ? undefined : fake.folders.get(folderId);
    const file = fileId === undefined ? undefined : folder?.files.get(fileId);
    const wantsJson = String(req.headers.accept ?? '').includes('application/json');

    if (folderId === undefined) {
      if (method === 'GET') return json(res, 200, { entry: [...fake.folders.values()].map((f) => entryOf(f)) });
      const id = (JSON.parse(body.toString()) as { id: string }).id;
      if (fake.folders.has(id)) return fail(res, 409, 'folder exists');
      fake.addFolder(id);
      return json(res, 201, {}, { location: `http://${req.headers.host}${PREFIX}/media/${domain}/${encodeURIComponent(id)}` });
    }
    if (fileId !== undefined && fileId === `${folderId}.mp3` && fake.voicemails.has(folderId)) {
      return sendBytes(req, res, fake.voicemails.get(folderId) ?? Buffer.alloc(0), 'audio/mpeg');
    }
    if (!folder) return fail(res, 404, `no folder ${folderId}`);
    const isAcl = (fileId === 'acl' && extra === undefined) || extra === 'acl';
    const target: FakeItem | undefined = fileId === undefined || fileId === 'acl' ? folder : file;
    if (isAcl) {
      if (!target) return fail(res, 404, 'no such file');
      if (method === 'PUT') {
        if (fake.denyWrite.has(target.id)) return fail(res, 403, 'no write access');
        const input = JSON.parse(body.toString()) as Partial<FakeItem['acl']>;
        target.acl = { readUsers: input.readUsers ?? [], readApps: input.readApps ?? [], writeUsers: input.writeUsers ?? [], writeApps: input.writeApps ?? [] };
        if (fake.aclPutReply === '202-empty') {
          res.writeHead(202, { 'content-length': '0' });
          return void res.end();
        }
      }
      return json(res, 200, { entry: entryOf(target) });
    }
    if (fileId === undefined) {
      if (method === 'GET') return json(res, 200, { ...entryOf(folder), entry: [...folder.files.values()].map((f) => entryOf(f, { size: f.content.length })) });
      if (method === 'DELETE') {
        fake.folders.delete(folder.id);
        res.writeHead(204);
        return void res.end();
      }
      const id = (JSON.parse(body.toString()) as { id: string }).id;
      if (folder.files.has(id)) return fail(res, 409, 'file exists');
      fake.addFile(folder.id, id, Buffer.alloc(0));
      return json(res, 201, {}, { location: `http://${req.headers.host}${PREFIX}/media/${domain}/${folderId}/${encodeURIComponent(id)}` });
    }
    if (!file) return fail(res, 404, `no file ${folderId}/${fileId}`);
    if (method !== 'GET' && fake.denyWrite.has(file.id)) return fail(res, 403, 'no write access');
    if (method === 'GET') return wantsJson ? json(res, 200, entryOf(file, { size: file.content.length })) : sendBytes(req, res, file.content, 'application/octet-stream');
    if (method === 'DELETE') {
      folder.files.delete(fileId);
      res.writeHead(204);
      return void res.end();
    }
    file.content = body;
    return json(res, 201, {}, { location: `http://${req.headers.host}${req.url ?? ''}` });
  }

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const rawPath = url.split('?')[0] ?? '/';
    const segments = rawPath.startsWith(`${PREFIX}/`) ? rawPath.slice(PREFIX.length + 1).split('/').map((s) => decodeURIComponent(s)) : [];
    const record: RecordedRequest = { method: req.method ?? '', url, path: `/${segments.join('/')}`, headers: req.headers, bodyBytes: 0, aborted: false };
    fake.requests.push(record);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      record.bodyBytes += chunk.length;
      chunks.push(chunk);
    });
    req.on('close', () => {
      if (req.complete) return;
      record.aborted = true;
      abortWaiters.splice(0).forEach((resolve) => resolve(record));
    });
    req.on('end', () => {
      const interceptor = interceptors.get(`${req.method} ${record.path}`);
      const body = Buffer.concat(chunks);
      if (interceptor) return interceptor(req, res, body);
      route(req, res, segments, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.serverUrl = `http://127.0.0.1:${port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
