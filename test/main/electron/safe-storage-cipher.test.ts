import type { SafeStorage } from 'electron';
import { describe, expect, it } from 'vitest';
import { createSafeStorageCipher } from '../../../main/electron/safe-storage-cipher';

/** A stand-in for the OS keychain: reversible, but never the plain text. */
function fakeSafeStorage(backend: string, available = true): SafeStorage {
  return {
    isAsyncEncryptionAvailable: async () => available,
    getSelectedStorageBackend: () => backend,
    encryptStringAsync: async (plain: string) => Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a),
    decryptStringAsync: async (sealed: Buffer) => ({ result: Buffer.from(sealed.map((b) => b ^ 0x5a)).toString('utf8'), shouldReEncrypt: false }),
  } as unknown as SafeStorage;
}

describe('secrets through Electron safeStorage', () => {
  it('uses the OS keychain where there is one', async () => {
    const cipher = await createSafeStorageCipher(fakeSafeStorage('gnome_libsecret'), 'linux', false);
    expect(cipher.info).toMatchObject({ persistent: true, backend: 'os-keychain' });
    const sealed = await cipher.encrypt('token-123', 'account:a:password');
    expect(sealed).not.toContain('token-123');
    expect(await cipher.decrypt(sealed, 'account:a:password')).toBe('token-123');
  });

  it("binds each value to its entry's name: another entry's sealed value does not open", async () => {
    const cipher = await createSafeStorageCipher(fakeSafeStorage('gnome_libsecret'), 'linux', false);
    const sealedForB = await cipher.encrypt('secret-of-b', 'account:b:password');
    await expect(cipher.decrypt(sealedForB, 'account:a:password')).rejects.toThrow(/another entry/);
    await expect(cipher.decrypt(sealedForB, 'account:b:passwor')).rejects.toThrow(/another entry/);
    // Nor can a bound value pass for one sealed by an older version.
    await expect(cipher.decryptUnbound(sealedForB)).rejects.toThrow();
  });

  it('opens values sealed by older versions without a name, for the vault to re-seal them', async () => {
    const safeStorage = fakeSafeStorage('gnome_libsecret');
    const cipher = await createSafeStorageCipher(safeStorage, 'linux', false);
    const legacy = (await safeStorage.encryptStringAsync('old-token')).toString('base64');
    await expect(cipher.decrypt(legacy, 'account:a:password')).rejects.toThrow();
    expect(await cipher.decryptUnbound(legacy)).toBe('old-token');
  });

  it("treats Linux's basic_text backend as no secure storage: memory only, and says why", async () => {
    const cipher = await createSafeStorageCipher(fakeSafeStorage('basic_text'), 'linux', false);
    expect(cipher.info.persistent).toBe(false);
    expect(cipher.info.description).toMatch(/No keyring/);
  });

  it('stores with basic_text only when the user opted in, and labels it weak', async () => {
    const cipher = await createSafeStorageCipher(fakeSafeStorage('basic_text'), 'linux', true);
    expect(cipher.info).toMatchObject({ persistent: true, backend: 'basic_text' });
    expect(cipher.info.description).toMatch(/not encrypted/);
  });

  it('keeps secrets in memory when encryption is unavailable', async () => {
    const cipher = await createSafeStorageCipher(fakeSafeStorage('unknown', false), 'win32', true);
    expect(cipher.info.persistent).toBe(false);
  });

  it('uses the keychain on macOS and Windows whatever the backend name says', async () => {
    const cipher = await createSafeStorageCipher(fakeSafeStorage('unknown'), 'darwin', false);
    expect(cipher.info.backend).toBe('os-keychain');
  });
});
