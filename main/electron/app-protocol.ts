// The renderer is loaded from app://media-desk/ rather than file://: a real origin for the CSP and the sender
// check, and only the renderer's own files can be reached through it.
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from '../common/channels.js';
import { SECURITY_HEADERS, contentSecurityPolicy, readAppFile } from '../app/app-files.js';
import { MEDIA_SCHEME } from '../common/channels.js';

export const PRIVILEGED_SCHEMES = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
];

export const ELECTRON_CSP = contentSecurityPolicy({ mediaSrc: [`${MEDIA_SCHEME}:`] });

/** The protocol handler, separated from Electron's registration so it can be tested on plain Requests. */
export async function serveAppRequest(rendererDir: string, request: { url: string; method: string }): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return new Response('Bad request', { status: 400 });
  }
  if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
  const file = await readAppFile(rendererDir, url.pathname);
  if (!file) return new Response('Not found', { status: 404 });
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'content-type': file.contentType, 'content-security-policy': ELECTRON_CSP },
  });
}

export function registerAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
}
