// HTTP surface of the media library (Ribbit REST), under {base}/rest/1.0/media. Resource shapes are documented in
// main/sandbox/README.md.
import type { RequestContext } from '../http/context.js';
import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/respond.js';
import { LibraryApi } from './api.js';
import { authenticateLibraryCaller, type LibraryDirectory } from './auth.js';
import { assertValidId, RESERVED_FILE_IDS } from './ids.js';
import type { LibraryStore } from './store.js';

export interface LibraryRouteDeps {
  store: LibraryStore;
  directory: LibraryDirectory;
  maxUploadBytes: number;
}

/** `segments` are the decoded path segments after /rest/1.0/media. */
export async function handleLibrary(ctx: RequestContext, segments: string[], deps: LibraryRouteDeps): Promise<void> {
  try {
    await route(ctx, segments, deps);
  } catch (err) {
    if (err instanceof HttpError) {
      if (!ctx.res.headersSent) sendJson(ctx.res, err.status, { message: err.message }, err.headers);
      else ctx.res.destroy();
      return;
    }
    throw err;
  }
}

async function route(ctx: RequestContext, segments: string[], deps: LibraryRouteDeps): Promise<void> {
  const method = ctx.req.method ?? 'GET';
  const shape = classify(segments);
  if (shape === null) throw new HttpError(404, 'No such media library resource.');
  if (!shape.allowed.includes(method)) {
    throw new HttpError(405, `${method} is not allowed here; use ${shape.allowed.join(', ')}.`, { headers: { Allow: shape.allowed.join(', ') } });
  }
  const ids = shape.voicemailAlias ? { ...shape.ids, domain: deps.directory.domain } : shape.ids;
  // Ids are checked before anything else, so a traversal attempt gets the same clear 400 with or without login.
  for (const [kind, id] of [['domain', ids.domain], ['folder', ids.folder], ['file', ids.file]] as const) {
    if (id !== undefined) assertValidId(kind, id);
  }
  const caller = authenticateLibraryCaller(ctx.req, deps.directory);
  const verb = method === 'HEAD' ? 'GET' : method;
  if (ids.domain !== deps.directory.domain) throw new HttpError(404, `Unknown domain "${ids.domain}".`);
  const api = new LibraryApi(ctx, deps.store, caller, deps.maxUploadBytes, ids.domain);

  if (ids.folder === undefined) return verb === 'GET' ? api.listFolders() : api.createFolder();
  const folder = deps.store.getFolder(ids.domain, ids.folder);
  if (!folder) throw new HttpError(404, `The folder "${ids.folder}" does not exist.`);
  if (ids.file === undefined) {
    if (shape.acl) return verb === 'GET' ? api.showAcl(folder, null) : api.replaceAcl(folder, null);
    if (verb === 'GET') return api.showFolder(folder);
    if (verb === 'POST') return api.createFile(folder);
    return api.deleteFolder(folder);
  }
  if (RESERVED_FILE_IDS.has(ids.file) && !shape.acl) throw new HttpError(404, 'No such media library resource.');
  const file = folder.files.get(ids.file);
  if (verb === 'POST' && !shape.acl) return api.upload(folder, ids.file, file);
  if (!file) throw new HttpError(404, `The file "${ids.folder}/${ids.file}" does not exist.`);
  if (shape.acl) return verb === 'GET' ? api.showAcl(folder, file) : api.replaceAcl(folder, file);
  if (verb === 'DELETE') return api.deleteFile(folder, file);
  return api.showFile(folder, file, shape.voicemailAlias);
}

interface RouteShape {
  ids: { domain: string; folder?: string; file?: string };
  acl: boolean;
  allowed: string[];
  voicemailAlias: boolean;
}

function classify(segments: string[]): RouteShape | null {
  const [a, b, c, d, ...rest] = segments;
  if (rest.length > 0 || a === undefined) return null;
  // The document also shows voicemail as /media/call:{id}/{id}.mp3: the caller's own domain is implied.
  const alias = /^call:(.+)$/.exec(a);
  if (alias && b !== undefined && c === undefined) {
    if (b !== `${alias[1]}.mp3`) return null;
    return { ids: { domain: '', folder: alias[1]!, file: b }, acl: false, allowed: ['GET', 'HEAD'], voicemailAlias: true };
  }
  if (b === undefined) return { ids: { domain: a }, acl: false, allowed: ['GET', 'HEAD', 'POST'], voicemailAlias: false };
  if (c === undefined) return { ids: { domain: a, folder: b }, acl: false, allowed: ['GET', 'HEAD', 'POST', 'DELETE'], voicemailAlias: false };
  if (c === 'acl' && d === undefined) return { ids: { domain: a, folder: b }, acl: true, allowed: ['GET', 'HEAD', 'PUT'], voicemailAlias: false };
  if (d === undefined) return { ids: { domain: a, folder: b, file: c }, acl: false, allowed: ['GET', 'HEAD', 'POST', 'DELETE'], voicemailAlias: false };
  if (d === 'acl') return { ids: { domain: a, folder: b, file: c }, acl: true, allowed: ['GET', 'HEAD', 'PUT'], voicemailAlias: false };
  return null;
}
