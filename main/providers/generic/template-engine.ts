// The vendor's template language: text with variables between percent signs.
//
//   %name%              a service variable (%sms_to%, %description%…) or a global one
//   %account[KEY]%      any account key: username, password, or another account variable
//   %sha1(…)%           lowercase hex SHA-1 of the UTF-8 text inside, which may hold variables
//   %%                  a literal percent sign (project choice; the vendor documents none)
//
// A '%' that starts none of these is an error, so a mistyped variable is reported when the account is saved
// instead of being sent as is. Inside %sha1(…)% the first ')%' closes the function.
//
// Substituted values are encoded for where they land (the template's own literal text is never touched):
//   url     percent-encoded UTF-8 (RFC 3986 unreserved characters stay)
//   form    application/x-www-form-urlencoded (space as '+'), for PostData bodies
//   json    escaped as the inside of a JSON string, for PostData sent as JSON
//   part    raw UTF-8, for multipart part values
//   header  raw, but CR, LF and other control characters are refused
import { createHash } from 'node:crypto';
import { AppError } from '../../common/errors.js';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import { formEncode, jsonStringBody, percentEncode } from '../../core/text-encoding.js';

export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: string }
  | { kind: 'account'; key: string }
  | { kind: 'sha1'; body: TemplateNode[] };

export interface ParsedTemplate {
  /** Where the template comes from (a setting name), for messages. */
  where: string;
  nodes: TemplateNode[];
}

export type TemplateContext = 'url' | 'form' | 'json' | 'part' | 'header';

export interface TemplateScope {
  /** The account's keys, secrets included. */
  account: Readonly<Record<string, string>>;
  /** Which account keys are secret (a request using one must not go over plain http). */
  secretKeys: ReadonlySet<string>;
  globals: Readonly<Record<string, string>>;
  /** The service variables available to this request. */
  service: Readonly<Record<string, string>>;
}

/** The whole-part-value marker for the file part of the multipart upload. */
export const MEDIA_CONTENT = 'media_content';

export const UPLOAD_VARIABLES = ['sms_to', 'to', 'description', 'media_size', 'content_type'] as const;
export const REF_SEND_VARIABLES = [
  'sms_to', 'to', 'description', 'preview_width', 'preview_height', 'preview_content_type', 'preview_content',
  'media_url', 'media_content_type',
] as const;
const ALL_SERVICE_VARIABLES: ReadonlySet<string> = new Set([...UPLOAD_VARIABLES, ...REF_SEND_VARIABLES, MEDIA_CONTENT]);

const REFERENCE = /([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]%]*)\])?([%(])/y;

/** Parses a template; throws AppError('config') naming the setting and the position of the first mistake. */
export function parseTemplate(source: string, where: string): ParsedTemplate {
  const { nodes, end } = parseSequence(source, 0, where, false);
  if (end !== source.length) throw new AppError('config', phrase('errors:template.unexpectedClose', { where, position: end + 1 }));
  return { where, nodes };
}

function parseSequence(source: string, start: number, where: string, insideFunction: boolean): { nodes: TemplateNode[]; end: number } {
  const nodes: TemplateNode[] = [];
  let text = '';
  const flushText = (): void => {
    if (text) nodes.push({ kind: 'text', text });
    text = '';
  };
  let pos = start;
  while (pos < source.length) {
    if (insideFunction && source.startsWith(')%', pos)) {
      flushText();
      return { nodes, end: pos + 2 };
    }
    const char = source[pos] ?? '';
    if (char !== '%') {
      text += char;
      pos += 1;
      continue;
    }
    if (source[pos + 1] === '%') {
      text += '%';
      pos += 2;
      continue;
    }
    REFERENCE.lastIndex = pos + 1;
    const match = REFERENCE.exec(source);
    if (!match) throw new AppError('config', phrase('errors:template.strayPercent', { where, position: pos + 1 }));
    const [whole, name = '', key, terminator] = match;
    flushText();
    if (terminator === '(') {
      if (name !== 'sha1' || key !== undefined) throw new AppError('config', phrase('errors:template.unknownFunction', { where, name }));
      const inner = parseSequence(source, pos + 1 + whole.length, where, true);
      nodes.push({ kind: 'sha1', body: inner.nodes });
      pos = inner.end;
      continue;
    }
    if (key !== undefined) {
      if (name !== 'account') throw new AppError('config', phrase('errors:template.keyNotAllowed', { where, name, key }));
      if (key.trim() === '') throw new AppError('config', phrase('errors:template.emptyKey', { where }));
      nodes.push({ kind: 'account', key });
    } else {
      nodes.push({ kind: 'variable', name });
    }
    pos += 1 + whole.length;
  }
  if (insideFunction) throw new AppError('config', phrase('errors:template.unclosedFunction', { where }));
  flushText();
  return { nodes, end: pos };
}


/** What stands for a secret-derived value in the display rendering. */
export const SECRET_MASK = '•••';

/** Substitutes every variable, encoding values for the context. Unknown variables throw AppError('config'). */
export function renderTemplate(template: ParsedTemplate, context: TemplateContext, scope: TemplateScope): string {
  return renderNodes(template.nodes, template.where, context, scope, false);
}

/**
 * The template's shape for logs and messages: the same rendering, except that every substitution derived from a
 * secret (a secret account key, or a %sha1(…)% over one) is SECRET_MASK. Masking by structure rather than by
 * searching the rendered text for the secret cannot miss an encoding.
 */
export function renderTemplateForDisplay(template: ParsedTemplate, context: TemplateContext, scope: TemplateScope): string {
  return renderNodes(template.nodes, template.where, context, scope, true);
}

function renderNodes(nodes: readonly TemplateNode[], where: string, context: TemplateContext | 'raw', scope: TemplateScope, masked: boolean): string {
  let out = '';
  for (const node of nodes) {
    if (masked && usesSecret([node], scope.secretKeys)) {
      out += SECRET_MASK;
      continue;
    }
    switch (node.kind) {
      case 'text':
        out += node.text;
        break;
      case 'sha1': {
        // The hash is taken over the raw values; its hex digits need no encoding anywhere.
        const inner = renderNodes(node.body, where, 'raw', scope, masked);
        out += createHash('sha1').update(inner, 'utf8').digest('hex');
        break;
      }
      case 'account': {
        const value = lookup(scope.account, node.key);
        if (value === undefined) throw new AppError('config', phrase('errors:template.noAccountKey', { where, key: node.key }));
        out += encodeValue(value, context, where, `%account[${node.key}]%`, 'config');
        break;
      }
      case 'variable': {
        const value = lookup(scope.service, node.name) ?? lookup(scope.globals, node.name);
        if (value === undefined) throw new AppError('config', unknownVariablePhrase(where, node.name));
        const fromRequest = Object.hasOwn(scope.service, node.name);
        out += encodeValue(value, context, where, `%${node.name}%`, fromRequest ? 'validation' : 'config');
        break;
      }
    }
  }
  return out;
}

export function unknownVariablePhrase(where: string, name: string): Phrase {
  if (name === MEDIA_CONTENT) return phrase('errors:template.mediaContentMisplaced', { where });
  if (ALL_SERVICE_VARIABLES.has(name)) return phrase('errors:template.variableUnavailable', { where, name });
  return phrase('errors:template.unknownVariable', { where, name });
}

function lookup(map: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

function encodeValue(value: string, context: TemplateContext | 'raw', where: string, variable: string, blame: 'config' | 'validation'): string {
  switch (context) {
    case 'url':
      return percentEncode(value);
    case 'form':
      return formEncode(value);
    case 'json':
      return jsonStringBody(value);
    case 'part':
    case 'raw':
      return value;
    case 'header':
      if (/[\r\n]/.test(value)) throw new AppError(blame, phrase('errors:template.headerLineBreak', { variable, where }));
      if (/[\x00-\x08\x0b-\x1f\x7f]/.test(value)) throw new AppError(blame, phrase('errors:template.headerControl', { variable, where }));

      return value;
  }
}

/** True when the template substitutes a secret account value (directly or inside %sha1(…)%). */
export function usesSecret(nodes: readonly TemplateNode[], secretKeys: ReadonlySet<string>): boolean {
  return nodes.some((node) =>
    node.kind === 'account' ? secretKeys.has(node.key) : node.kind === 'sha1' ? usesSecret(node.body, secretKeys) : false,
  );
}

/** Every variable reference in the template, functions included, in order. */
export function references(nodes: readonly TemplateNode[]): Array<Extract<TemplateNode, { kind: 'variable' | 'account' }>> {
  return nodes.flatMap((node) =>
    node.kind === 'sha1' ? references(node.body) : node.kind === 'text' ? [] : [node],
  );
}

/** True when the nodes are exactly %media_content% (the file part's value). */
export function isMediaContent(nodes: readonly TemplateNode[]): boolean {
  const only = nodes[0];
  return nodes.length === 1 && only?.kind === 'variable' && only.name === MEDIA_CONTENT;
}
