// The files main itself saved into download folders, each as it was when saved (device, inode, size, time). They are
// the only local files a download may replace: the window can ask for "overwrite", and in the browser host every
// call is the window's, so nothing it sends can show that a person agreed to lose a file. A file the user put there,
// or changed since the app saved it, is never one of these. Kept in the data folder, so that a download replaced
// after a restart is still the app's own; bounded, the oldest forgotten first (it then simply cannot be replaced).
import { promises as fs, type Stats } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../common/errors.js';
import { phrase } from '../common/i18n/phrase.js';
import { readJsonFile, writeJsonAtomic } from '../core/storage/atomic.js';

export const WRITTEN_FILES = 'downloaded-files.json';
const MAX_FILES = 5000;

const identitySchema = z.object({ dev: z.number(), ino: z.number(), size: z.number(), mtimeMs: z.number() }).strict();
type Identity = z.infer<typeof identitySchema>;
const fileSchema = z.object({ version: z.literal(1), files: z.record(z.string(), identitySchema) }).strict();

const identityOf = (stat: Stats): Identity => ({ dev: stat.dev, ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs });
const same = (a: Identity, b: Identity): boolean => a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;

export class WrittenFiles {
  private readonly files = new Map<string, Identity>();
  private saving: Promise<void> = Promise.resolve();

  /** `file`: where the list is kept; without it (tests, tools) it lasts as long as the process. */
  constructor(private readonly file?: string) {}

  /** Reads the list kept by an earlier run; a damaged one is set aside and the list starts empty. */
  async load(): Promise<void> {
    if (!this.file) return;
    const read = await readJsonFile(this.file, fileSchema);
    if (read.status === 'ok') for (const [file, identity] of Object.entries(read.value.files)) this.files.set(file, identity);
  }

  /** Notes a file a download runner has just saved (its final path). */
  async record(file: string): Promise<void> {
    const stat = await fs.lstat(file).catch(() => null);
    if (!stat?.isFile()) return;
    this.files.delete(file);
    this.files.set(file, identityOf(stat));
    while (this.files.size > MAX_FILES) {
      const oldest = this.files.keys().next().value;
      if (oldest === undefined) break;
      this.files.delete(oldest);
    }
    await this.save();
  }

  /** Whether the file at this path is, unchanged, one main saved there. */
  async isOurs(file: string): Promise<boolean> {
    const known = this.files.get(file);
    const stat = known ? await fs.lstat(file).catch(() => null) : null;
    return !!known && !!stat?.isFile() && same(known, identityOf(stat));
  }

  /** Refuses to replace a file that is there and not, unchanged, one main saved: checked again when it is replaced. */
  async assertReplaceable(file: string, name: string, folder: string): Promise<void> {
    const present = await fs.lstat(file).then(
      () => true,
      () => false,
    );
    if (present && !(await this.isOurs(file))) throw new AppError('forbidden', phrase('errors:files.replaceNotOurs', { name: name.slice(0, 80), folder }));
  }

  private save(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    // One write at a time, each with the list as it is then: downloads end together.
    this.saving = this.saving.then(() => writeJsonAtomic(file, { version: 1, files: Object.fromEntries(this.files) }, { mode: 0o600 })).catch(() => undefined);
    return this.saving;
  }
}
