// The one place secrets live in main. In memory they are plain (they must be sent to servers); on disk they are
// sealed by the cipher, each bound to its entry name, or not written at all when the cipher is memory-only.
import path from 'node:path';
import { z } from 'zod';
import { readJsonFile, setAsideCorrupt, writeJsonAtomic } from '../storage/atomic.js';
import type { SecretCipher } from './cipher.js';

const sealedFileSchema = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });

export interface VaultLoadReport {
  /** Secrets that could not be unsealed (another machine's key, a changed keychain); they must be entered again. */
  unreadable: string[];
  corruptMovedTo?: string;
  /** The cipher's key was replaced, so the sealed file was set aside here. */
  setAsideForNewKey?: string;
  /** Entries sealed by an older version without their name, re-sealed with it. */
  migrated?: number;
}

export interface VaultOptions {
  /** Never write (the CLI only reads the data folder): older entries are opened but not re-sealed. */
  readOnly?: boolean;
}

export class SecretVault {
  private readonly values = new Map<string, string>();
  /** Entries that could not be opened, kept sealed as they were so a later fix (the right keychain) can open them. */
  private readonly unopened = new Map<string, string>();
  private readonly file: string;

  constructor(
    dataDir: string,
    private cipher: SecretCipher,
    private readonly options: VaultOptions = {},
  ) {
    this.file = path.join(dataDir, 'secrets.json');
  }

  get info() {
    return this.cipher.info;
  }

  async load(): Promise<VaultLoadReport> {
    const report: VaultLoadReport = { unreadable: [] };
    if (!this.cipher.info.persistent) return report;
    if (this.cipher.keyReplaced && !this.options.readOnly) {
      // Sealed under the old key: nothing in it can be opened any more. Kept aside, never deleted.
      const movedTo = await setAsideCorrupt(this.file).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));
      if (movedTo) report.setAsideForNewKey = movedTo;
      return report;
    }
    const read = await readJsonFile(this.file, sealedFileSchema);
    if (read.status === 'corrupt') report.corruptMovedTo = read.movedTo;
    if (read.status !== 'ok') return report;
    let migrated = 0;
    for (const [name, sealed] of Object.entries(read.value.secrets)) {
      const opened = await this.open(name, sealed);
      if (opened === undefined) {
        report.unreadable.push(name);
        this.unopened.set(name, sealed);
        continue;
      }
      this.values.set(name, opened.value);
      if (opened.unbound) migrated += 1;
    }
    if (migrated > 0) {
      report.migrated = migrated;
      // Re-sealed with their names now; if this write fails they stay readable the old way until the next one.
      if (!this.options.readOnly) await this.persist().catch(() => undefined);
    }
    return report;
  }

  private async open(name: string, sealed: string): Promise<{ value: string; unbound: boolean } | undefined> {
    try {
      return { value: await this.cipher.decrypt(sealed, name), unbound: false };
    } catch {
      // Sealed by a version that did not bind names? A value sealed under another name fails both ways.
      try {
        return { value: await this.cipher.decryptUnbound(sealed), unbound: true };
      } catch {
        return undefined;
      }
    }
  }

  /** Switches the cipher (e.g. the user opts in to weak storage) and rewrites the file under it. */
  async useCipher(cipher: SecretCipher): Promise<void> {
    this.cipher = cipher;
    // What the old cipher could not open, the new one cannot either.
    this.unopened.clear();
    await this.persist();
  }

  get(key: string): string | undefined {
    return this.values.get(key);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  /** Every entry's name, the unreadable ones included. */
  names(): string[] {
    return [...new Set([...this.values.keys(), ...this.unopened.keys()])];
  }

  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.unopened.delete(key);
    await this.persist();
  }

  async delete(key: string): Promise<void> {
    const had = this.values.delete(key);
    if (!this.unopened.delete(key) && !had) return;
    await this.persist();
  }

  async deleteWhere(predicate: (key: string) => boolean): Promise<void> {
    let changed = false;
    for (const key of this.names()) {
      if (predicate(key)) {
        const had = this.values.delete(key);
        changed = this.unopened.delete(key) || had || changed;
      }
    }
    if (changed) await this.persist();
  }

  /** Every secret value, so the log can redact them wherever they appear. */
  allValues(): string[] {
    return [...this.values.values()];
  }

  private async persist(): Promise<void> {
    if (!this.cipher.info.persistent) {
      // Nothing may stay on disk once the user chose not to keep secrets there.
      await writeJsonAtomic(this.file, { version: 1, secrets: {} });
      return;
    }
    const secrets: Record<string, string> = Object.fromEntries(this.unopened);
    for (const [key, value] of this.values) secrets[key] = await this.cipher.encrypt(value, key);
    await writeJsonAtomic(this.file, { version: 1, secrets }, { mode: 0o600 });
  }
}
