// Secrets sealed by the OS keychain through Electron's safeStorage. On Linux without a keyring Electron falls back
// to 'basic_text' (a key hard-coded in Chromium): that is not secure storage, so secrets then stay in memory
// unless the user explicitly opts in.
import type { SafeStorage } from 'electron';
import type { SecretCipher } from '../core/vault/cipher.js';
import { memoryOnlyCipher } from '../core/vault/cipher.js';

export async function createSafeStorageCipher(safeStorage: SafeStorage, platform: NodeJS.Platform, optInWeak: boolean): Promise<SecretCipher> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return memoryOnlyCipher;
  const weak = platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (weak && !optInWeak) {
    return {
      ...memoryOnlyCipher,
      info: {
        ...memoryOnlyCipher.info,
        backend: 'memory',
        description:
          'No keyring was found (GNOME Keyring or KWallet). Passwords are kept in memory only. You can choose to store them with weak protection (obfuscation, not encryption) in Settings.',
      },
    };
  }
  return {
    info: weak
      ? { persistent: true, backend: 'basic_text', description: 'No keyring was found: passwords are stored obfuscated, not encrypted, as you chose in Settings.' }
      : { persistent: true, backend: 'os-keychain', description: "Passwords and tokens are encrypted with your operating system's keychain." },
    // safeStorage takes no associated data: the entry's name is sealed with the value and checked on opening.
    async encrypt(plain, name) {
      return (await safeStorage.encryptStringAsync(`${name}${NAME_END}${plain}`)).toString('base64');
    },
    async decrypt(sealed, name) {
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'));
      const end = result.indexOf(NAME_END);
      if (end < 0 || result.slice(0, end) !== name) throw new Error('This secret was sealed for another entry.');
      return result.slice(end + 1);
    },
    async decryptUnbound(sealed) {
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'));
      // Secrets never contain NUL (the contract refuses it), so one that does was sealed with a name: not unbound.
      if (result.includes(NAME_END)) throw new Error('This secret was sealed for a named entry.');
      return result;
    },
  };
}

const NAME_END = '\0';
