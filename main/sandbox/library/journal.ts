// A folder's journal: the changes made since its document was last written, one JSON line each, appended and
// fsynced. Rewriting a 10,000-file document for every access list saved took minutes for a bulk apply; a line per
// change keeps each answer durable at the cost of a small append. The store rewrites the document (and drops the
// journal) once the journal holds about as many lines as the folder has files.
import fsp from 'node:fs/promises';
import { syncDirectory } from '../http/atomic-file.js';
import { journalEntrySchema, type FolderRecord, type JournalEntry } from './model.js';

/** Appends lines and syncs them; `created` says the file may be new, so its folder entry is synced too. */
export async function appendDurably(filePath: string, lines: readonly JournalEntry[], created: boolean, dirPath: string): Promise<void> {
  const handle = await fsp.open(filePath, 'a', 0o644);
  try {
    await handle.writeFile(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  if (created) await syncDirectory(dirPath);
}

/**
 * The journal's entries after `afterSeq`, in order. Reading stops at the first line that is not a whole, valid entry
 * in sequence (`torn`): only the last append can be torn by a crash, and that append was never answered.
 */
export async function readJournal(filePath: string, afterSeq: number): Promise<{ entries: JournalEntry[]; lastSeq: number; lines: number; torn: boolean }> {
  let text: string;
  try {
    text = await fsp.readFile(filePath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], lastSeq: afterSeq, lines: 0, torn: false };
    throw err;
  }
  const entries: JournalEntry[] = [];
  let lastSeq = afterSeq;
  let lines = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const parsed = journalEntrySchema.safeParse(safeJson(line));
    if (!parsed.success) return { entries, lastSeq, lines, torn: true };
    lines++;
    // Entries the document already holds (a crash between its write and the journal's removal).
    if (parsed.data.seq <= afterSeq) continue;
    if (parsed.data.seq <= lastSeq) return { entries, lastSeq, lines, torn: true };
    entries.push(parsed.data);
    lastSeq = parsed.data.seq;
  }
  return { entries, lastSeq, lines, torn: false };
}

export function applyEntry(folder: FolderRecord, entry: JournalEntry): void {
  if ('file' in entry) folder.files.set(entry.file.id, entry.file);
  else if ('deleted' in entry) folder.files.delete(entry.deleted);
  else folder.meta = entry.folder;
}

/** JSON.parse that answers undefined for text that is not JSON (a torn line, a damaged document). */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
