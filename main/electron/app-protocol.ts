// The renderer is loaded from app://media-desk/ rather than file://: a real origin for the CSP and the sender
// check, and only the renderer's own files can be reached through it.
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME, MEDIA_SCHEME } from '../common/channels.js';
import { phrase } from '../common/i18n/phrase.js';
import { SECURITY_HEADERS, contentSecurityPolicy, readAppFile } from '../app/app-files.js';
import { MEDIA_REFUSALS } from '../app/media-streams.js';
import { refusal, type CurrentLanguage } from './refusal.js';

export const PRIVILEGED_SCHEMES = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
];

export const ELECTRON_CSP = contentSecurityPolicy({ mediaSrc: [`${MEDIA_SCHEME}:`] });

/**
 * What app:// says when it has no file to give. A write is refused in the words a preview's address uses (the same
 * rule, GET and HEAD only); the browser host's 400 and 404 name the browser host, so the app has its own.
 */
const APP_REFUSALS = {
  badTarget: phrase('desktop:app.page.badTarget'),
  notFound: phrase('desktop:app.page.notFound'),
  getOnly: MEDIA_REFUSALS.getOnly,
} as const;

/** The protocol handler, separated from Electron's registration so it can be tested on plain Requests. */
export async function serveAppRequest(rendererDir: string, request: { url: string; method: string }, language: CurrentLanguage): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return refusal(400, APP_REFUSALS.badTarget, language);
  }
  if (url.host !== APP_HOST) return refusal(404, APP_REFUSALS.notFound, language);
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, APP_REFUSALS.getOnly, language, { allow: 'GET, HEAD' });
  const file = await readAppFile(rendererDir, url.pathname);
  if (!file) return refusal(404, APP_REFUSALS.notFound, language);
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'content-type': file.contentType, 'content-security-policy': ELECTRON_CSP },
  });
}

export function registerAppProtocol(protocol: Protocol, rendererDir: string, language: CurrentLanguage): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request, language));
}
