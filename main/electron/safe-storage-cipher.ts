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
    async encrypt(plain) {
      return (await safeStorage.encryptStringAsync(plain)).toString('base64');
    },
    async decrypt(sealed) {
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'));
      return result;
    },
  };
}
