// Fills a compiled service's templates with real values: the URL, the headers, the PostData or the multipart
// parts, and whether the request carries a secret (any secret account value substituted anywhere in it).
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import type { MultipartPart } from './multipart.js';
import type { HeaderTemplate, SimpleServiceConfig, UploadConfig } from './service-config.js';
import { renderTemplate, renderTemplateForDisplay, usesSecret, type ParsedTemplate, type TemplateContext, type TemplateScope } from './template-engine.js';

export interface PreparedRequest {
  method: string;
  url: URL;
  /** The URL template's shape with every secret-derived value masked: what logs and messages may show. */
  displayUrl: string;
  headers: Record<string, string>;
  carriesSecret: boolean;
}

export interface PreparedSimpleRequest extends PreparedRequest {
  /** The PostData; an empty body for a POST/PUT without it; absent for GET/HEAD. */
  body?: Buffer;
}

export interface PreparedUpload extends PreparedRequest {
  parts: MultipartPart[];
}

export interface UploadFile {
  path: string;
  name: string;
  size: number;
  contentType: string;
}

export function prepareSimpleRequest(service: SimpleServiceConfig, scope: TemplateScope): PreparedSimpleRequest {
  const headers = renderHeaders(service.headers, scope);
  const templates = [service.url, ...service.headers.map((header) => header.value)];
  const prepared: PreparedSimpleRequest = {
    method: service.method,
    url: renderUrl(service.url, scope),
    displayUrl: renderTemplateForDisplay(service.url, 'url', scope),
    headers,
    carriesSecret: false,
  };
  if (service.method === 'POST' || service.method === 'PUT') {
    const contentType = headers['content-type'] ?? 'application/x-www-form-urlencoded';
    headers['content-type'] = contentType;
    prepared.body = service.body ? Buffer.from(renderTemplate(service.body, bodyContext(contentType), scope), 'utf8') : Buffer.alloc(0);
    if (service.body) templates.push(service.body);
  }
  prepared.carriesSecret = templates.some((template) => usesSecret(template.nodes, scope.secretKeys));
  return prepared;
}

/** PostData values are encoded for the body's declared type: urlencoded by default, JSON when it says so. */
function bodyContext(contentType: string): TemplateContext {
  if (/json/i.test(contentType)) return 'json';
  if (/x-www-form-urlencoded/i.test(contentType)) return 'form';
  return 'part';
}

export function prepareUpload(upload: UploadConfig, scope: TemplateScope, file: UploadFile): PreparedUpload {
  const templates: ParsedTemplate[] = [upload.url, ...upload.headers.map((header) => header.value)];
  const parts = upload.parts.map((part): MultipartPart => {
    templates.push(part.name);
    const name = renderTemplate(part.name, 'part', scope).trim();
    if (name === '') throw new AppError('config', phrase('errors:template.partNameEmpty', { setting: 'genericMediaUploadMultipartData' }));
    if (part.file) return { kind: 'file', name, fileName: file.name, contentType: file.contentType, path: file.path, size: file.size };
    templates.push(part.value);
    return { kind: 'field', name, value: renderTemplate(part.value, 'part', scope) };
  });
  return {
    method: upload.method,
    url: renderUrl(upload.url, scope),
    displayUrl: renderTemplateForDisplay(upload.url, 'url', scope),
    headers: renderHeaders(upload.headers, scope),
    parts,
    carriesSecret: templates.some((template) => usesSecret(template.nodes, scope.secretKeys)),
  };
}

function renderUrl(template: ParsedTemplate, scope: TemplateScope): URL {
  const text = renderTemplate(template, 'url', scope);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError('config', phrase('errors:template.urlInvalid', { setting: template.where }));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('config', phrase('errors:template.urlNotHttp', { setting: template.where }));

  return url;
}

/** Header names in lower case; values sent as raw UTF-8 bytes (Node writes header strings as latin1). */
function renderHeaders(headers: readonly HeaderTemplate[], scope: TemplateScope): Record<string, string> {
  const out: Record<string, string> = {};
  for (const header of headers) {
    const value = Buffer.from(renderTemplate(header.value, 'header', scope), 'utf8').toString('latin1');
    const key = header.name.toLowerCase();
    out[key] = out[key] === undefined ? value : `${out[key]}, ${value}`;
  }
  return out;
}
