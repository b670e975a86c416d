// Secrets sealed by the OS keychain through Electron's safeStorage. On Linux without a keyring Electron falls back
// to 'basic_text' (a key hard-coded in Chromium): that is not secure storage, so secrets then stay in memory
// unless the user explicitly opts in.
import type { SafeStorage } from 'electron';
import type { SecretCipher } from '../core/vault/cipher.js';
import { describedStorage as described, memoryOnlyCipher } from '../core/vault/cipher.js';

export async function createSafeStorageCipher(safeStorage: SafeStorage, platform: NodeJS.Platform, optInWeak: boolean): Promise<SecretCipher> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return { ...memoryOnlyCipher, info: { ...memoryOnlyCipher.info, ...described('desktop:secureStorage.none') } };
  const weak = platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (weak && !optInWeak) {
    return {
      ...memoryOnlyCipher,
      info: {
        ...memoryOnlyCipher.info,
        backend: 'memory',
        ...described('desktop:secureStorage.noKeyring'),
      },
    };
  }
  return {
    info: weak
      ? { persistent: true, backend: 'basic_text', ...described('desktop:secureStorage.obfuscated') }
      : { persistent: true, backend: 'os-keychain', ...described('desktop:secureStorage.keychain') },
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
