// Turns an account's genericMedia* settings into parsed request templates, collecting every problem found
// (syntax, methods, header lines, the file part, variables not available where used, unknown account keys,
// URLs that are not URLs once filled in). The same pass serves the account form (all problems listed) and the
// upload (which refuses to start while any problem remains).
import { z } from 'zod';
import { GENERIC_SETTING_KEYS, type GenericSettingKey } from '../../common/accounts.js';
import { AppError, errorWords, wordsOf } from '../../common/errors.js';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import {
  isMediaContent,
  MEDIA_CONTENT,
  parseTemplate,
  references,
  REF_SEND_VARIABLES,
  renderTemplate,
  UPLOAD_VARIABLES,
  unknownVariablePhrase,
  type ParsedTemplate,
  type TemplateNode,
} from './template-engine.js';
import { describeNodes, splitFormTemplate, trimText } from './form-split.js';

/** The genericMedia* settings as they may arrive: every key optional (an import, a half-filled form). */
export type GenericSettingsInput = Partial<Record<GenericSettingKey, string>>;

export const genericSettingsInputSchema = z.object(
  Object.fromEntries(GENERIC_SETTING_KEYS.map((key) => [key, z.string().max(65_536).optional()])) as Record<
    GenericSettingKey,
    z.ZodOptional<z.ZodString>
  >,
);

export interface TemplateProblem {
  setting: GenericSettingKey;
  /** In English, for the log. */
  message: string;
  /** The same, for the window to say in the reader's language. */
  phrase?: Phrase;
}

function problem(setting: GenericSettingKey, said: Phrase): TemplateProblem {
  return { setting, ...wordsOf(said) };
}

export interface HeaderTemplate {
  name: string;
  value: ParsedTemplate;
}

export type PartTemplate = { name: ParsedTemplate; file: false; value: ParsedTemplate } | { name: ParsedTemplate; file: true };

export interface UploadConfig {
  url: ParsedTemplate;
  method: 'POST' | 'PUT';
  headers: HeaderTemplate[];
  parts: PartTemplate[];
  /** The HTTP authentication user name (…AuthUsername); its password is a secret, compiled apart. */
  authUsername?: ParsedTemplate;
}

export type SimpleMethod = 'GET' | 'HEAD' | 'POST' | 'PUT';

export interface SimpleServiceConfig {
  url: ParsedTemplate;
  method: SimpleMethod;
  headers: HeaderTemplate[];
  /** PostData; absent for GET and HEAD. */
  body?: ParsedTemplate;
  authUsername?: ParsedTemplate;
}

export interface GenericServiceConfig {
  upload: UploadConfig;
  precheck?: SimpleServiceConfig;
  refSend?: SimpleServiceConfig;
}

export interface CompileResult {
  /** Present when there is no problem. */
  config?: GenericServiceConfig;
  problems: TemplateProblem[];
}

// Headers the transport or the multipart body own; a template must not override them.
const RESERVED_HEADERS = new Set(['content-length', 'transfer-encoding', 'host', 'connection', 'keep-alive', 'te', 'upgrade', 'trailer']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// The vendor's own examples write the separator as the two characters "\n"; real newlines work too.
const HEADER_LINE_SEPARATOR = /\r\n|\r|\n|\\n/;

/**
 * Checks and parses the settings. accountKeys are the keys %account[KEY]% may use (username, password and the
 * account variables); globalNames the global variables the app provides.
 */
export function compileGenericSettings(settings: GenericSettingsInput, accountKeys: readonly string[], globalNames: readonly string[] = []): CompileResult {
  const problems: TemplateProblem[] = [];
  const ctx: Context = { problems, accountKeys: new Set(accountKeys), globalNames: new Set(globalNames) };
  const upload = compileUpload(settings, ctx);
  const precheck = compileSimple(settings, ctx, {
    url: 'genericMediaUploadPrecheckUrl',
    method: 'genericMediaUploadPrecheckMethod',
    postData: 'genericMediaUploadPrecheckPostData',
    authUsername: 'genericMediaUploadPrecheckAuthUsername',
    variables: UPLOAD_VARIABLES,
  });
  const refSend = compileSimple(settings, ctx, {
    url: 'genericMediaRefSendUrl',
    method: 'genericMediaRefSendMethod',
    postData: 'genericMediaRefSendPostData',
    headers: 'genericMediaRefSendCustomHeaders',
    authUsername: 'genericMediaRefSendAuthUsername',
    variables: REF_SEND_VARIABLES,
  });
  if (problems.length > 0 || !upload) return { problems };
  return { config: { upload, ...(precheck ? { precheck } : {}), ...(refSend ? { refSend } : {}) }, problems };
}

interface Context {
  problems: TemplateProblem[];
  accountKeys: ReadonlySet<string>;
  globalNames: ReadonlySet<string>;
}

function attempt<T>(ctx: Context, setting: GenericSettingKey, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    ctx.problems.push({ setting, ...errorWords(err) });
    return undefined;
  }
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function compileUpload(settings: GenericSettingsInput, ctx: Context): UploadConfig | undefined {
  const urlSource = settings.genericMediaUploadUrl;
  if (!present(urlSource)) ctx.problems.push(problem('genericMediaUploadUrl', phrase('errors:template.uploadUrlEmpty', { setting: 'genericMediaUploadUrl' })));
  const url = present(urlSource) ? checkedUrl(urlSource.trim(), 'genericMediaUploadUrl', UPLOAD_VARIABLES, ctx) : undefined;

  const rawMethod = (settings.genericMediaUploadMethod ?? '').trim().toUpperCase() || 'POST';
  if (rawMethod !== 'POST' && rawMethod !== 'PUT') {
    ctx.problems.push(problem('genericMediaUploadMethod', phrase('errors:template.uploadMethod', { setting: 'genericMediaUploadMethod', method: rawMethod })));
  }
  const headers = compileHeaders(settings.genericMediaUploadCustomHeaders, 'genericMediaUploadCustomHeaders', UPLOAD_VARIABLES, ctx, false);
  const parts = compileParts(settings.genericMediaUploadMultipartData, ctx);
  const authUsername = compileAuthUsername(settings.genericMediaUploadAuthUsername, 'genericMediaUploadAuthUsername', UPLOAD_VARIABLES, ctx);
  if (!url || !parts || (rawMethod !== 'POST' && rawMethod !== 'PUT')) return undefined;
  return { url, method: rawMethod, headers, parts, ...(authUsername ? { authUsername } : {}) };
}

function compileParts(source: string | undefined, ctx: Context): PartTemplate[] | undefined {
  const setting = 'genericMediaUploadMultipartData';
  const parsed = attempt(ctx, setting, () => parseTemplate(source ?? '', setting));
  if (!parsed) return undefined;
  const parts: PartTemplate[] = [];
  for (const entry of splitFormTemplate(parsed.nodes)) {
    const name = { where: setting, nodes: trimText(entry.name) };
    if (name.nodes.length === 0) {
      ctx.problems.push(problem(setting, phrase('errors:template.partWithoutName', { setting })));
      continue;
    }
    if (entry.value === undefined) {
      ctx.problems.push(problem(setting, phrase('errors:template.partWithoutValue', { setting, part: describeNodes(name.nodes) })));
      continue;
    }
    checkVariables(name.nodes, setting, UPLOAD_VARIABLES, ctx);
    if (isMediaContent(entry.value)) {
      parts.push({ name, file: true });
    } else {
      checkVariables(entry.value, setting, UPLOAD_VARIABLES, ctx);
      parts.push({ name, file: false, value: { where: setting, nodes: entry.value } });
    }
  }
  const fileParts = parts.filter((part) => part.file).length;
  if (fileParts === 0) {
    ctx.problems.push(problem(setting, phrase('errors:template.noFilePart', { setting })));
  } else if (fileParts > 1) {
    ctx.problems.push(problem(setting, phrase('errors:template.manyFileParts', { setting, parts: fileParts })));
  }
  return parts;
}

interface SimpleKeys {
  url: GenericSettingKey;
  method: GenericSettingKey;
  postData: GenericSettingKey;
  headers?: GenericSettingKey;
  authUsername: GenericSettingKey;
  variables: readonly string[];
}

function compileSimple(settings: GenericSettingsInput, ctx: Context, keys: SimpleKeys): SimpleServiceConfig | undefined {
  const urlSource = settings[keys.url];
  const postData = settings[keys.postData];
  const methodSource = (settings[keys.method] ?? '').trim().toUpperCase();
  if (!present(urlSource)) {
    for (const key of [keys.method, keys.postData, keys.authUsername, ...(keys.headers ? [keys.headers] : [])]) {
      if (present(settings[key])) ctx.problems.push(problem(key, phrase('errors:template.setWithoutUrl', { setting: key, url: keys.url })));
    }
    return undefined;
  }
  const url = checkedUrl(urlSource.trim(), keys.url, keys.variables, ctx);
  const method = (methodSource || (present(postData) ? 'POST' : 'GET')) as SimpleMethod;
  if (!['GET', 'HEAD', 'POST', 'PUT'].includes(method)) {
    ctx.problems.push(problem(keys.method, phrase('errors:template.simpleMethod', { setting: keys.method, method })));
  } else if ((method === 'GET' || method === 'HEAD') && present(postData)) {
    ctx.problems.push(problem(keys.method, phrase('errors:template.methodWithoutBody', { setting: keys.method, method, postData: keys.postData })));
  }
  const body = present(postData) ? attempt(ctx, keys.postData, () => parseTemplate(postData, keys.postData)) : undefined;
  if (body) checkVariables(body.nodes, keys.postData, keys.variables, ctx);
  const headers = keys.headers ? compileHeaders(settings[keys.headers], keys.headers, keys.variables, ctx, true) : [];
  const authUsername = compileAuthUsername(settings[keys.authUsername], keys.authUsername, keys.variables, ctx);
  if (!url) return undefined;
  return { url, method, headers, ...(body ? { body } : {}), ...(authUsername ? { authUsername } : {}) };
}

function compileAuthUsername(source: string | undefined, setting: GenericSettingKey, variables: readonly string[], ctx: Context): ParsedTemplate | undefined {
  if (!present(source)) return undefined;
  const template = attempt(ctx, setting, () => parseTemplate(source.trim(), setting));
  if (template) checkVariables(template.nodes, setting, variables, ctx);
  return template;
}

/**
 * An …AuthPassword (a secret, itself a template: `%%` for a literal percent sign). Its problems are told without
 * quoting any of it: the message names the setting and what is wrong, never the text.
 */
export function compileAuthPassword(source: string, setting: string, variables: readonly string[], accountKeys: readonly string[], globalNames: readonly string[] = []): ParsedTemplate {
  let template: ParsedTemplate;
  try {
    template = parseTemplate(source, setting);
  } catch {
    throw new AppError('config', phrase('errors:template.passwordInvalid', { setting }));
  }
  for (const ref of references(template.nodes)) {
    const known = ref.kind === 'account' ? accountKeys.includes(ref.key) : ref.name !== MEDIA_CONTENT && (variables.includes(ref.name) || globalNames.includes(ref.name));
    if (!known) throw new AppError('config', phrase('errors:template.passwordUnknownVariable', { setting }));
  }
  return template;
}

function checkedUrl(source: string, setting: GenericSettingKey, variables: readonly string[], ctx: Context): ParsedTemplate | undefined {
  const template = attempt(ctx, setting, () => parseTemplate(source, setting));
  if (!template) return undefined;
  const before = ctx.problems.length;
  checkVariables(template.nodes, setting, variables, ctx);
  if (ctx.problems.length > before) return template;
  // Filled in with sample values, the URL must parse and use http(s). Two samples, so that a variable holding a
  // host name and one holding a port number can both pass.
  let url: URL | undefined;
  for (const sampleValue of ['sample', '1']) {
    const filled = attempt(ctx, setting, () => renderTemplate(template, 'url', sampleScope(template.nodes, variables, ctx, sampleValue)));
    if (filled === undefined) return template;
    url ??= parseUrl(filled);
  }
  if (!url) {
    ctx.problems.push(problem(setting, phrase('errors:template.urlInvalid', { setting })));
  } else if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    ctx.problems.push(problem(setting, phrase('errors:template.urlScheme', { setting, scheme: url.protocol })));
  } else if (!url.hostname) {
    ctx.problems.push(problem(setting, phrase('errors:template.urlNoHost', { setting })));
  }
  return template;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function checkVariables(nodes: readonly TemplateNode[], setting: GenericSettingKey, variables: readonly string[], ctx: Context): void {
  for (const ref of references(nodes)) {
    if (ref.kind === 'account') {
      if (!ctx.accountKeys.has(ref.key)) ctx.problems.push(problem(setting, phrase('errors:template.accountKeyMissing', { setting, key: ref.key })));
    } else if (ref.name === MEDIA_CONTENT || (!variables.includes(ref.name) && !ctx.globalNames.has(ref.name))) {
      ctx.problems.push(problem(setting, unknownVariablePhrase(setting, ref.name)));
    }
  }
}

function sampleScope(nodes: readonly TemplateNode[], variables: readonly string[], ctx: Context, sampleValue: string) {
  return {
    account: Object.fromEntries(references(nodes).flatMap((ref) => (ref.kind === 'account' ? [[ref.key, sampleValue]] : []))),
    secretKeys: new Set<string>(),
    globals: Object.fromEntries([...ctx.globalNames].map((name) => [name, sampleValue])),
    service: Object.fromEntries(variables.map((name) => [name, sampleValue])),
  };
}

function compileHeaders(source: string | undefined, setting: GenericSettingKey, variables: readonly string[], ctx: Context, contentTypeAllowed: boolean): HeaderTemplate[] {
  const headers: HeaderTemplate[] = [];
  for (const line of (source ?? '').split(HEADER_LINE_SEPARATOR)) {
    if (line.trim() === '') continue;
    // CR and LF separate lines; any other control character but a tab cannot be sent in a header (Node refuses it).
    if (/[\x00-\x08\x0b-\x1f\x7f]/.test(line)) {
      ctx.problems.push(problem(setting, phrase('errors:template.headerLineControl', { setting, line: line.trim().slice(0, 60).replace(/[\x00-\x1f\x7f]/g, '?') })));
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!HEADER_NAME.test(name)) {
      ctx.problems.push(problem(setting, phrase('errors:template.headerLineShape', { setting, line: line.trim().slice(0, 60) })));
      continue;
    }
    const lower = name.toLowerCase();
    if (RESERVED_HEADERS.has(lower) || (lower === 'content-type' && !contentTypeAllowed)) {
      ctx.problems.push(problem(setting, phrase('errors:template.headerReserved', { setting, name })));

      continue;
    }
    const value = attempt(ctx, setting, () => parseTemplate(line.slice(colon + 1).trim(), setting));
    if (!value) continue;
    checkVariables(value.nodes, setting, variables, ctx);
    headers.push({ name, value });
  }
  return headers;
}
