// How secrets are sealed at rest. The vault holds them in memory and asks a cipher to seal them before anything
// reaches the disk; which cipher depends on the host (OS keychain through Electron, a key file, or none).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SecureStorageInfo } from '../../common/contract.js';
import type { MessageKey } from '../../common/i18n/catalogue.js';
import { wordsOf } from '../../common/errors.js';
import { inEnglish, phrase, type Phrase } from '../../common/i18n/phrase.js';
import { setAsideCorrupt, writeFileAtomic } from '../storage/atomic.js';

/** Something the user must hear about the cipher's start (a damaged key replaced, a key others can read). */
export interface CipherNotice {
  level: 'warn' | 'error';
  /** In English, for the log. */
  message: string;
  phrase?: Phrase;
}

export interface SecretCipher {
  readonly info: SecureStorageInfo;
  /** Seals a value bound to its entry name, so an entry's sealed text cannot be moved to another entry. */
  encrypt(plain: string, name: string): Promise<string>;
  /** Opens a value sealed under this name; rejects when it was sealed under another name or was tampered with. */
  decrypt(sealed: string, name: string): Promise<string>;
  /** Opens a value sealed before entries were bound to their names (older versions); the vault re-seals it. */
  decryptUnbound(sealed: string): Promise<string>;
  readonly notices?: readonly CipherNotice[];
  /** The key was damaged and replaced: nothing sealed before can be opened, so the vault sets its file aside. */
  readonly keyReplaced?: boolean;
}

/** The settings screen's sentence: English for the log and older windows, the phrase for the window's language. */
export function describedStorage(key: MessageKey): Pick<SecureStorageInfo, 'description' | 'descriptionPhrase'> {
  const said = phrase(key);
  return { description: inEnglish(said), descriptionPhrase: said };
}

/** Secrets live for this session only: nothing is written. */
export const memoryOnlyCipher: SecretCipher = {
  info: {
    persistent: false,
    backend: 'memory',
    ...describedStorage('errors:vault.memoryOnly'),
  },
  encrypt: () => Promise.reject(new Error('memory-only vault does not seal')),
  decrypt: () => Promise.reject(new Error('memory-only vault does not unseal')),
  decryptUnbound: () => Promise.reject(new Error('memory-only vault does not unseal')),
};

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface KeyFileOptions {
  /** Only open an existing, sound key: never create, replace or set one aside (the CLI only reads the folder). */
  readOnly?: boolean;
}

/**
 * AES-256-GCM under a random key kept in a 0600 file in the data dir, each entry's name as associated data. Used by
 * the browser host and tests: it keeps secrets out of plain-text files and out of backups of the settings alone,
 * but anyone who can read the user's files can read the key, which the UI says.
 */
export async function createKeyFileCipher(dataDir: string, options: KeyFileOptions = {}): Promise<SecretCipher> {
  const keyPath = path.join(dataDir, 'vault.key');
  const { key, notices, replaced } = await loadOrCreateKey(keyPath, options.readOnly ?? false);
  const seal = (plain: string, aad: Buffer | undefined): string => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    if (aad) cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  };
  const open = (sealed: string, aad: Buffer | undefined): string => {
    const raw = Buffer.from(sealed, 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('sealed secret too short');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  };
  return {
    info: {
      persistent: true,
      backend: 'key-file',
      ...describedStorage('errors:vault.keyFile'),
    },
    notices,
    keyReplaced: replaced,
    encrypt: async (plain, name) => seal(plain, Buffer.from(name, 'utf8')),
    decrypt: async (sealed, name) => open(sealed, Buffer.from(name, 'utf8')),
    decryptUnbound: async (sealed) => open(sealed, undefined),
  };
}

interface LoadedKey {
  key: Buffer;
  notices: CipherNotice[];
  replaced: boolean;
}

/** Why the key on disk cannot be used, or undefined when there is none. */
async function readKey(keyPath: string): Promise<{ key?: Buffer; damage?: Phrase }> {
  try {
    const key = await fs.readFile(keyPath);
    if (key.length === KEY_BYTES) return { key };
    return { damage: key.length === 0 ? phrase('errors:vault.keyEmpty') : phrase('errors:vault.keyWrongSize', { size: key.length, expected: KEY_BYTES }) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return {};
    return { damage: phrase('errors:vault.keyUnreadable', { code: code ?? 'error' }) };
  }
}

async function loadOrCreateKey(keyPath: string, readOnly: boolean): Promise<LoadedKey> {
  const notices: CipherNotice[] = [];
  const found = await readKey(keyPath);
  if (found.key) {
    const mode = (await fs.stat(keyPath)).mode & 0o777;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      notices.push({ level: 'warn', ...wordsOf(phrase('errors:vault.keyReadableByOthers', { path: keyPath, mode: mode.toString(8).padStart(4, '0') })) });
    }
    return { key: found.key, notices, replaced: false };
  }
  if (readOnly) throw new Error(found.damage ? `The vault key ${keyPath} is damaged (${inEnglish(found.damage)}).` : `There is no vault key at ${keyPath}.`);
  let replaced = false;
  if (found.damage) {
    // A kill during the first start, a bad copy, a disk error: never a reason not to start. Keep it for a person
    // to look at, and start over with a new key; what it sealed cannot be opened any more.
    const movedTo = await setAsideCorrupt(keyPath);
    const said = phrase('errors:vault.keyReplaced', { damage: found.damage, file: path.basename(movedTo) });
    notices.push({ level: 'error', ...wordsOf(said) });
    replaced = true;
  }
  await fs.mkdir(path.dirname(keyPath), { recursive: true, mode: 0o700 });
  // Written whole or not at all: a kill halfway leaves no key (a new one next time), never a short one.
  await writeFileAtomic(keyPath, randomBytes(KEY_BYTES), { mode: 0o600 });
  // What counts is what is on disk.
  const written = await readKey(keyPath);
  if (!written.key) throw new Error(`The vault key ${keyPath} could not be written (${written.damage ? inEnglish(written.damage) : 'missing'}).`);
  return { key: written.key, notices, replaced };
}
