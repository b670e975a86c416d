// The sandbox's Twilio space: messages and their media. Memory holds the truth while running; every change is one
// line appended (and synced) to journal.jsonl, replayed at start. Demo data and seeded media are journalled as a
// single line each and regenerated deterministically, so seeding 10,000 media costs one line.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../common/errors.js';
import { WriteQueue, writeFileAtomic } from '../http/atomic-file.js';
import { generateDemoData, seededMedia } from './demo.js';
import { randomSid } from './format.js';
import { journalLineSchema, type BlobRef, type JournalLine, type MediaRecord, type MessageRecord } from './model.js';

export const MAX_SEED_MEDIA = 10_000;

/** Newest first, as Twilio lists messages. */
export function compareMessages(a: MessageRecord, b: MessageRecord): number {
  return b.dateSent - a.dateSent || (a.sid < b.sid ? 1 : a.sid > b.sid ? -1 : 0);
}

/** Oldest first: the order media were attached in. */
export function compareMedia(a: MediaRecord, b: MediaRecord): number {
  return a.dateCreated - b.dateCreated || (a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0);
}

export class TwilioStore {
  private readonly messages = new Map<string, MessageRecord>();
  private sortedMessages: MessageRecord[] | null = null;
  /** Every media record ever known, deleted ones included, so a PageToken naming one still has a position. */
  private readonly mediaBySid = new Map<string, MediaRecord>();
  private readonly mediaByMessage = new Map<string, { list: MediaRecord[]; sorted: boolean; live: number }>();
  private readonly seededCount = new Map<string, number>();
  private readonly appends = new WriteQueue();
  private demoLoaded = false;

  private constructor(private readonly journal: fsp.FileHandle) {}

  static async open(twilioDir: string): Promise<TwilioStore> {
    await fsp.mkdir(twilioDir, { recursive: true });
    const journalPath = path.join(twilioDir, 'journal.jsonl');
    const existing = await fsp.readFile(journalPath, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return '';
      throw err;
    });
    // A line cut short by a crash is the last one: drop it, so appends start on a fresh line.
    const lines = existing.split('\n');
    const complete = existing.endsWith('\n') ? existing : lines.slice(0, -1).map((l) => `${l}\n`).join('');
    if (complete !== existing) await writeFileAtomic(journalPath, complete);
    const store = new TwilioStore(await fsp.open(journalPath, 'a'));
    for (const line of complete.split('\n')) {
      if (line.trim() === '') continue;
      const parsed = journalLineSchema.safeParse(safeJson(line));
      if (parsed.success) store.apply(parsed.data);
    }
    return store;
  }

  get hasDemoData(): boolean {
    return this.demoLoaded;
  }

  async addDemoData(count: number): Promise<void> {
    await this.record({ t: 'demo', messages: count });
  }

  listMessages(): readonly MessageRecord[] {
    this.sortedMessages ??= [...this.messages.values()].sort(compareMessages);
    return this.sortedMessages;
  }

  getMessage(sid: string): MessageRecord | undefined {
    return this.messages.get(sid);
  }

  /** Live (not deleted) media of a message, oldest first. */
  listMedia(messageSid: string): MediaRecord[] {
    const entry = this.mediaByMessage.get(messageSid);
    if (!entry) return [];
    if (!entry.sorted) {
      entry.list.sort(compareMedia);
      entry.sorted = true;
    }
    return entry.live === entry.list.length ? entry.list : entry.list.filter((m) => !m.deleted);
  }

  liveMediaCount(messageSid: string): number {
    return this.mediaByMessage.get(messageSid)?.live ?? 0;
  }

  /** A media record by sid, deleted ones included. */
  findMedia(sid: string): MediaRecord | undefined {
    return this.mediaBySid.get(sid);
  }

  async deleteMedia(media: MediaRecord): Promise<void> {
    await this.record({ t: 'delete', sid: media.sid });
  }

  async addMessage(message: Omit<MessageRecord, 'sid'> & { sid?: string }, media: ReadonlyArray<{ contentType: string; blob: BlobRef }> = []): Promise<MessageRecord> {
    const sid = message.sid ?? randomSid(media.length > 0 ? 'MM' : 'SM');
    const record: MessageRecord = { ...message, sid };
    await this.record({ t: 'message', message: record });
    for (const item of media) {
      await this.record({
        t: 'media',
        media: { sid: randomSid('ME'), messageSid: sid, contentType: item.contentType, blob: item.blob, dateCreated: record.dateCreated, dateUpdated: record.dateCreated },
      });
    }
    return record;
  }

  async seedMedia(messageSid: string, count: number): Promise<string[]> {
    if (!this.messages.has(messageSid)) throw new AppError('not_found', `No message ${messageSid} in the sandbox.`);
    if (!Number.isInteger(count) || count < 1 || count > MAX_SEED_MEDIA) throw new AppError('validation', `count must be an integer from 1 to ${MAX_SEED_MEDIA}.`);
    const start = this.seededCount.get(messageSid) ?? 0;
    await this.record({ t: 'seed', messageSid, start, count, baseTime: Math.floor(Date.now() / 1000) * 1000 });
    const sids: string[] = [];
    for (let i = start; i < start + count; i++) sids.push(seededMedia(messageSid, i, start, count, 0).sid);
    return sids;
  }

  async close(): Promise<void> {
    await this.appends.idle();
    await this.journal.close();
  }

  private async record(line: JournalLine): Promise<void> {
    this.apply(line);
    await this.appends.run('journal', async () => {
      await this.journal.write(`${JSON.stringify(line)}\n`);
      await this.journal.datasync();
    });
  }

  private apply(line: JournalLine): void {
    switch (line.t) {
      case 'demo': {
        const { messages, media } = generateDemoData(line.messages);
        for (const m of messages) this.putMessage(m);
        for (const m of media) this.putMedia(m);
        this.demoLoaded = true;
        break;
      }
      case 'message':
        this.putMessage(line.message);
        break;
      case 'media':
        this.putMedia({ ...line.media, deleted: false });
        break;
      case 'seed':
        for (let i = line.start; i < line.start + line.count; i++) this.putMedia(seededMedia(line.messageSid, i, line.start, line.count, line.baseTime));
        this.seededCount.set(line.messageSid, Math.max(this.seededCount.get(line.messageSid) ?? 0, line.start + line.count));
        break;
      case 'delete': {
        const media = this.mediaBySid.get(line.sid);
        if (media && !media.deleted) {
          media.deleted = true;
          const entry = this.mediaByMessage.get(media.messageSid);
          if (entry) entry.live -= 1;
        }
        break;
      }
    }
  }

  private putMessage(message: MessageRecord): void {
    this.messages.set(message.sid, message);
    this.sortedMessages = null;
  }

  private putMedia(media: MediaRecord): void {
    if (this.mediaBySid.has(media.sid)) return;
    this.mediaBySid.set(media.sid, media);
    let entry = this.mediaByMessage.get(media.messageSid);
    if (!entry) {
      entry = { list: [], sorted: true, live: 0 };
      this.mediaByMessage.set(media.messageSid, entry);
    }
    entry.list.push(media);
    entry.sorted = false;
    if (!media.deleted) entry.live += 1;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
