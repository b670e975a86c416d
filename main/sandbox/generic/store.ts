// Files uploaded through the generic media upload service, and the demo account's credit.
//
// Credit (how to provoke "Not enough credit", also written into sandbox-accounts.json): the account starts with
// `creditBytes` (default 1 GiB, option `limits.genericCreditBytes`); each successful upload spends its size, and
// an upload or precheck bigger than what is left answers 402 "Not enough credit". Uploads and prechecks for the
// recipient NO_CREDIT_RECIPIENT always answer 402, so the error can be seen from the app at any time.
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { WriteQueue, writeFileAtomic } from '../http/atomic-file.js';
import { extensionFor, type SniffedMediaType } from '../media-sniff.js';

export const NO_CREDIT_RECIPIENT = '+15550000402';

const MEDIA_NAME = /^[0-9a-f]{32}\.(jpg|mp4)$/;
const creditFileSchema = z.object({ usedBytes: z.number().int().nonnegative() });

export class GenericStore {
  private usedBytes = 0;
  private readonly writes = new WriteQueue();

  private constructor(
    readonly mediaDir: string,
    private readonly creditFile: string,
    private readonly creditBytes: number,
  ) {}

  static async open(genericDir: string, creditBytes: number): Promise<GenericStore> {
    const store = new GenericStore(path.join(genericDir, 'media'), path.join(genericDir, 'credit.json'), creditBytes);
    await fsp.mkdir(store.mediaDir, { recursive: true });
    for (const name of await fsp.readdir(store.mediaDir)) {
      if (name.startsWith('.upload-')) await fsp.rm(path.join(store.mediaDir, name), { force: true });
    }
    const text = await fsp.readFile(store.creditFile, 'utf8').catch(() => null);
    if (text !== null) {
      const parsed = creditFileSchema.safeParse(safeJson(text));
      if (parsed.success) store.usedBytes = parsed.data.usedBytes;
    }
    return store;
  }

  /** Where an upload in progress is written; invisible to media URLs until committed. */
  newUploadPath(): string {
    return path.join(this.mediaDir, `.upload-${randomBytes(8).toString('hex')}`);
  }

  /** Publishes a completed upload under a fresh unguessable name and returns that name. */
  async commit(uploadPath: string, type: Exclude<SniffedMediaType, 'audio/mpeg'>): Promise<string> {
    const name = `${randomBytes(16).toString('hex')}.${extensionFor(type)}`;
    await fsp.rename(uploadPath, path.join(this.mediaDir, name));
    return name;
  }

  /** The file behind a media name, or null when the name is not one this store hands out. */
  mediaPath(name: string): string | null {
    return MEDIA_NAME.test(name) ? path.join(this.mediaDir, name) : null;
  }

  async has(name: string): Promise<boolean> {
    const filePath = this.mediaPath(name);
    if (filePath === null) return false;
    return fsp.stat(filePath).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  get remainingCredit(): number {
    return Math.max(0, this.creditBytes - this.usedBytes);
  }

  hasCreditFor(bytes: number, recipient: string | undefined): boolean {
    return recipient !== NO_CREDIT_RECIPIENT && bytes <= this.remainingCredit;
  }

  async spend(bytes: number): Promise<void> {
    this.usedBytes += bytes;
    const snapshot = JSON.stringify({ usedBytes: this.usedBytes });
    await this.writes.run('credit', () => writeFileAtomic(this.creditFile, snapshot));
  }

  flush(): Promise<void> {
    return this.writes.idle();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
