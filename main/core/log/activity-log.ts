// One log of requests, results and errors: a rotating JSON-lines file in the data dir and a bounded in-memory
// list for the Activity view. Everything passes through the redactor first.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { LogEntry, LogLevel } from '../../common/contract.js';
import type { Redactor } from './redact.js';

export interface ActivityLogOptions {
  dataDir: string;
  redact: Redactor;
  /** Rotate when the file passes this size. */
  maxFileBytes?: number;
  /** Rotated files kept (activity.1.log …). */
  keepFiles?: number;
  /** Entries kept in memory for the UI. */
  keepInMemory?: number;
}

export class ActivityLog {
  private readonly entries: LogEntry[] = [];
  private readonly listeners = new Set<(entry: LogEntry) => void>();
  private seq = 0;
  private writing: Promise<void> = Promise.resolve();
  /** The file's size as this process last knew it: read once, then counted, not stat'ed for every entry. */
  private fileSize: number | undefined;
  readonly file: string;

  constructor(private readonly options: ActivityLogOptions) {
    this.file = path.join(options.dataDir, 'logs', 'activity.log');
  }

  onEntry(listener: (entry: LogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  info(scope: string, message: string, accountId?: string): void {
    this.add('info', scope, message, accountId);
  }
  warn(scope: string, message: string, accountId?: string): void {
    this.add('warn', scope, message, accountId);
  }
  error(scope: string, message: string, accountId?: string): void {
    this.add('error', scope, message, accountId);
  }

  add(level: LogLevel, scope: string, message: string, accountId?: string): LogEntry {
    const entry: LogEntry = { seq: ++this.seq, time: new Date().toISOString(), level, scope, message: this.options.redact(message) };
    if (accountId) entry.accountId = accountId;
    this.entries.push(entry);
    const keep = this.options.keepInMemory ?? 2000;
    if (this.entries.length > keep) this.entries.splice(0, this.entries.length - keep);
    this.writing = this.writing.then(() => this.append(entry)).catch(() => undefined);
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  list(limit = 500): LogEntry[] {
    return this.entries.slice(-limit);
  }

  /** Waits until every entry so far is on disk. */
  flush(): Promise<void> {
    return this.writing;
  }

  /** The text of the log files, oldest first, for a support export. Already redacted when written. */
  async exportText(): Promise<string> {
    await this.flush();
    const keep = this.options.keepFiles ?? 3;
    const parts: string[] = [];
    for (let i = keep; i >= 1; i--) parts.push(await readIfExists(this.rotated(i)));
    parts.push(await readIfExists(this.file));
    return parts.join('');
  }

  private rotated(n: number): string {
    return this.file.replace(/\.log$/, `.${n}.log`);
  }

  private async append(entry: LogEntry): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    const bytes = Buffer.byteLength(line);
    if (this.fileSize === undefined) {
      await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      this.fileSize = await fs.stat(this.file).then((s) => s.size, () => 0);
    }
    if (this.fileSize + bytes > (this.options.maxFileBytes ?? 1024 * 1024)) {
      await this.rotate();
      this.fileSize = 0;
    }
    try {
      await fs.appendFile(this.file, line, { mode: 0o600 });
      this.fileSize += bytes;
    } catch (err) {
      // The folder may have gone: look again (and recreate it) at the next entry.
      this.fileSize = undefined;
      throw err;
    }
  }

  private async rotate(): Promise<void> {
    const keep = this.options.keepFiles ?? 3;
    await fs.rm(this.rotated(keep), { force: true });
    for (let i = keep - 1; i >= 1; i--) await fs.rename(this.rotated(i), this.rotated(i + 1)).catch(() => undefined);
    await fs.rename(this.file, this.rotated(1)).catch(() => undefined);
  }
}

async function readIfExists(file: string): Promise<string> {
  return fs.readFile(file, 'utf8').catch(() => '');
}
