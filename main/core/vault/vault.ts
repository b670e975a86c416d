// The one place secrets live in main. In memory they are plain (they must be sent to servers); on disk they are
// sealed by the cipher, or not written at all when the cipher is memory-only.
import path from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonAtomic } from '../storage/atomic.js';
import type { SecretCipher } from './cipher.js';

const sealedFileSchema = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });

export interface VaultLoadReport {
  /** Secrets that could not be unsealed (another machine's key, a changed keychain); they must be entered again. */
  unreadable: string[];
  corruptMovedTo?: string;
}

export class SecretVault {
  private readonly values = new Map<string, string>();
  private readonly file: string;

  constructor(
    dataDir: string,
    private cipher: SecretCipher,
  ) {
    this.file = path.join(dataDir, 'secrets.json');
  }

  get info() {
    return this.cipher.info;
  }

  async load(): Promise<VaultLoadReport> {
    const report: VaultLoadReport = { unreadable: [] };
    if (!this.cipher.info.persistent) return report;
    const read = await readJsonFile(this.file, sealedFileSchema);
    if (read.status === 'corrupt') report.corruptMovedTo = read.movedTo;
    if (read.status !== 'ok') return report;
    for (const [key, sealed] of Object.entries(read.value.secrets)) {
      try {
        this.values.set(key, await this.cipher.decrypt(sealed));
      } catch {
        report.unreadable.push(key);
      }
    }
    return report;
  }

  /** Switches the cipher (e.g. the user opts in to weak storage) and rewrites the file under it. */
  async useCipher(cipher: SecretCipher): Promise<void> {
    this.cipher = cipher;
    await this.persist();
  }

  get(key: string): string | undefined {
    return this.values.get(key);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    await this.persist();
  }

  async delete(key: string): Promise<void> {
    if (!this.values.delete(key)) return;
    await this.persist();
  }

  async deleteWhere(predicate: (key: string) => boolean): Promise<void> {
    let changed = false;
    for (const key of [...this.values.keys()]) {
      if (predicate(key)) changed = this.values.delete(key) || changed;
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
    const secrets: Record<string, string> = {};
    for (const [key, value] of this.values) secrets[key] = await this.cipher.encrypt(value);
    await writeJsonAtomic(this.file, { version: 1, secrets }, { mode: 0o600 });
  }
}
