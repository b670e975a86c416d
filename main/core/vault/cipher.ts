// How secrets are sealed at rest. The vault holds them in memory and asks a cipher to seal them before anything
// reaches the disk; which cipher depends on the host (OS keychain through Electron, a key file, or none).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SecureStorageInfo } from '../../common/contract.js';

export interface SecretCipher {
  readonly info: SecureStorageInfo;
  encrypt(plain: string): Promise<string>;
  decrypt(sealed: string): Promise<string>;
}

/** Secrets live for this session only: nothing is written. */
export const memoryOnlyCipher: SecretCipher = {
  info: {
    persistent: false,
    backend: 'memory',
    description: 'No secure storage is available: passwords and tokens are kept in memory only and must be entered again after a restart.',
  },
  encrypt: () => Promise.reject(new Error('memory-only vault does not seal')),
  decrypt: () => Promise.reject(new Error('memory-only vault does not unseal')),
};

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM under a random key kept in a 0600 file in the data dir. Used by the browser host and tests: it keeps
 * secrets out of plain-text files and out of backups of the settings alone, but anyone who can read the user's
 * files can read the key, which the UI says.
 */
export async function createKeyFileCipher(dataDir: string): Promise<SecretCipher> {
  const keyPath = path.join(dataDir, 'vault.key');
  const key = await loadOrCreateKey(keyPath);
  return {
    info: {
      persistent: true,
      backend: 'key-file',
      description: 'Passwords and tokens are encrypted with a key kept in a file only your user can read (vault.key in the data folder).',
    },
    async encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    async decrypt(sealed) {
      const raw = Buffer.from(sealed, 'base64');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('sealed secret too short');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}

async function loadOrCreateKey(keyPath: string): Promise<Buffer> {
  try {
    const key = await fs.readFile(keyPath);
    if (key.length !== KEY_BYTES) throw new Error(`The vault key ${keyPath} is damaged (wrong length).`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await fs.mkdir(path.dirname(keyPath), { recursive: true });
  const key = randomBytes(KEY_BYTES);
  // Written whole beside it, then linked into place: a reader (the CLI) never sees an empty or short key, and a
  // link never replaces a key another process just made (EEXIST); then whichever won is read back.
  const temp = path.join(path.dirname(keyPath), `.${path.basename(keyPath)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, key, { mode: 0o600, flag: 'wx', flush: true });
    await fs.link(temp, keyPath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return fs.readFile(keyPath);
  } finally {
    await fs.rm(temp, { force: true });
  }
  return key;
}
