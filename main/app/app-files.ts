// Serving the renderer's built files, shared by both hosts (Electron's custom protocol and the browser host):
// only files under the renderer folder, never a path that climbs out of it, with the app's security headers.
import { promises as fs } from 'node:fs';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface CspOptions {
  /** Extra sources the UI may connect to (the browser host's WebSocket). */
  connectSrc?: string[];
  /** Where previews are streamed from (the media protocol). */
  mediaSrc?: string[];
}

/** No inline or eval script anywhere; styles from our own files only (CSSOM changes from script are allowed). */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  const media = ["'self'", 'blob:', 'data:', ...(options.mediaSrc ?? [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${media}`,
    `media-src ${media}`,
    "font-src 'self'",
    `connect-src 'self' ${(options.connectSrc ?? []).join(' ')}`.trim(),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * Maps a URL path to a file inside rootDir, or null when it is not one of the app's files. Percent-decoding
 * happens once, here, so an encoded `..%2f` cannot pass as a name.
 */
export function resolveAppFile(rootDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '');
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const full = path.resolve(root, relative);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  if (relative.split('/').some((part) => part === '..' || part.startsWith('.'))) return null;
  return full;
}

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export async function readAppFile(rootDir: string, urlPath: string): Promise<{ body: Buffer; contentType: string } | null> {
  const file = resolveAppFile(rootDir, urlPath);
  if (!file) return null;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return null;
    return { body: await fs.readFile(file), contentType: contentTypeOf(file) };
  } catch {
    return null;
  }
}
