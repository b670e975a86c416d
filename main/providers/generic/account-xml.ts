// Imports the provider's Account XML, so an admin can paste what the provider gave him:
//   <account><username>…</username><password>…</password>
//     <genericMediaUploadUrl>https://…</genericMediaUploadUrl> … <anyOtherKey>…</anyOtherKey></account>
// Liberal in what it takes: values as child elements or as attributes, any case of the root and of the known
// keys, the account element at the root or inside a wrapper. Strict about safety: no DOCTYPE or entity
// declarations (no XXE, no entity expansion), bounded size, UTF-8 only.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { GENERIC_AUTH_PASSWORD_KEYS, GENERIC_SETTING_KEYS, type GenericAuthPasswordKey, type GenericSettingKey } from '../../common/accounts.js';
import { AppError, errorWords, wordsOf, type Words } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import type { GenericSettingsInput } from './service-config.js';
import { validateTemplates } from './templates.js';

export const ACCOUNT_XML_MAX_BYTES = 512 * 1024;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const VARIABLE_MAX_CHARS = 4096;

export interface ImportedGenericAccount {
  settings: GenericSettingsInput;
  username?: string;
  password?: string;
  /** The services' HTTP authentication passwords (…AuthPassword): secrets, handed to the form like the password. */
  authPasswords: Partial<Record<GenericAuthPasswordKey, string>>;
  /** Other account keys, for %account[KEY]%. */
  variables: Record<string, string>;
  /** What was skipped or looks wrong, one sentence each (English, and the phrase to say it in); the import still succeeded. */
  problems: Words[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Decodes XML entities and character references; declared entities never reach the parser (refused above).
  htmlEntities: true,
});

const SETTING_BY_LOWER_NAME = new Map<string, GenericSettingKey>(GENERIC_SETTING_KEYS.map((key) => [key.toLowerCase(), key]));
const AUTH_PASSWORD_BY_LOWER_NAME = new Map<string, GenericAuthPasswordKey>(GENERIC_AUTH_PASSWORD_KEYS.map((key) => [key.toLowerCase(), key]));

/** Throws AppError('validation') when the input is not usable XML at all. */
export function importAccountXml(input: string | Uint8Array): ImportedGenericAccount {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (size > ACCOUNT_XML_MAX_BYTES) {
    throw new AppError('validation', phrase('errors:accounts.xmlTooLarge', { size, limit: ACCOUNT_XML_MAX_BYTES }));
  }
  const text = (typeof input === 'string' ? input : decodeUtf8(input)).replace(/^\uFEFF/, '');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new AppError('validation', phrase('errors:accounts.xmlDoctype'));
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new AppError('validation', phrase('errors:accounts.xmlMalformed', { said: valid.err.msg, line: valid.err.line, column: valid.err.col }));
  }
  const problems: Words[] = [];
  const account = findAccountElement(parser.parse(text) as unknown, problems);
  if (!account) throw new AppError('validation', phrase('errors:accounts.xmlNoAccount'));

  const imported: ImportedGenericAccount = { settings: {}, authPasswords: {}, variables: {}, problems };
  for (const [key, value] of entriesOf(account, problems)) assign(imported, key, value);
  const accountKeys = ['username', 'password', ...Object.keys(imported.variables)];
  problems.push(...validateTemplates(imported.settings, accountKeys).map(errorWords));
  return imported;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('validation', phrase('errors:accounts.xmlNotUtf8'));

  }
}

type XmlObject = Record<string, unknown>;

function isObject(value: unknown): value is XmlObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The <account> element (any case) at the root or up to two levels down, else a root holding the settings. */
function findAccountElement(document: unknown, problems: Words[]): XmlObject | undefined {
  if (!isObject(document)) return undefined;
  let level: XmlObject[] = [document];
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    const next: XmlObject[] = [];
    for (const element of level) {
      for (const [name, value] of Object.entries(element)) {
        if (name.startsWith('@_') || name.startsWith('?')) continue;
        const instances = (Array.isArray(value) ? value : [value]).filter(isObject);
        if (name.toLowerCase() === 'account' && instances[0]) {
          if (instances.length > 1) problems.push(wordsOf(phrase('errors:accounts.xmlManyAccounts', { count: instances.length })));
          return instances[0];
        }
        next.push(...instances);
      }
    }
    level = next;
  }
  const root = Object.entries(document).find(([name]) => !name.startsWith('?'))?.[1];
  return isObject(root) && Object.keys(root).some((name) => /^(@_)?genericmedia/i.test(name)) ? root : undefined;
}

/** Simple values from child elements, then attributes; nested sections are not account keys and are left out. */
function entriesOf(account: XmlObject, problems: Words[]): Array<[string, string]> {
  const entries = new Map<string, [string, string]>();
  const elementsFirst = Object.entries(account).sort(([a], [b]) => Number(a.startsWith('@_')) - Number(b.startsWith('@_')));
  for (const [rawName, value] of elementsFirst) {
    const name = rawName.startsWith('@_') ? rawName.slice(2) : rawName;
    if (name === '#text') continue;
    const instances = Array.isArray(value) ? value : [value];
    const text = textOf(instances[0]);
    if (text === undefined) continue;
    if (entries.has(name.toLowerCase())) {
      problems.push(wordsOf(phrase('errors:accounts.xmlKeyRepeated', { name })));
      continue;
    }
    if (instances.length > 1) problems.push(wordsOf(phrase('errors:accounts.xmlElementRepeated', { name, count: instances.length })));
    entries.set(name.toLowerCase(), [name, text]);
  }
  return [...entries.values()];
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!isObject(value)) return undefined;
  const children = Object.keys(value).filter((key) => !key.startsWith('@_'));
  if (children.length === 0) return ''; // <key/> or <key attr="…"/>
  return children.length === 1 && typeof value['#text'] === 'string' ? value['#text'] : undefined;
}

function assign(imported: ImportedGenericAccount, name: string, value: string): void {
  const lower = name.toLowerCase();
  const setting = SETTING_BY_LOWER_NAME.get(lower);
  const authPassword = AUTH_PASSWORD_BY_LOWER_NAME.get(lower);
  if (setting) {
    imported.settings[setting] = value;
  } else if (authPassword) {
    if (value !== '') imported.authPasswords[authPassword] = value;
  } else if (lower.startsWith('genericmedia')) {
    imported.problems.push(wordsOf(phrase('errors:accounts.xmlUnknownSetting', { name })));
  } else if (lower === 'username') {
    imported.username = value;
  } else if (lower === 'password') {
    imported.password = value;
  } else if (!VARIABLE_NAME.test(name)) {
    imported.problems.push(wordsOf(phrase('errors:accounts.xmlBadVariableName', { name })));
  } else if (value.length > VARIABLE_MAX_CHARS) {
    imported.problems.push(wordsOf(phrase('errors:accounts.xmlVariableTooLong', { name, limit: VARIABLE_MAX_CHARS })));
  } else {
    imported.variables[name] = value;
  }
}
