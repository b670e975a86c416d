// Which demo content a data dir has already received, so a restart (or a user who deleted the demo folders) does
// not get it again.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './http/atomic-file.js';

const MARKS_FILE = 'sandbox-seeded.json';
const marksSchema = z.object({ library: z.boolean(), twilio: z.boolean() });
export type SeedMarks = z.infer<typeof marksSchema>;

export async function loadSeedMarks(dataDir: string): Promise<SeedMarks> {
  const text = await fsp.readFile(path.join(dataDir, MARKS_FILE), 'utf8').catch(() => null);
  if (text === null) return { library: false, twilio: false };
  try {
    const parsed = marksSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // unreadable: treated as "nothing seeded yet"
  }
  return { library: false, twilio: false };
}

export async function saveSeedMarks(dataDir: string, marks: SeedMarks): Promise<void> {
  await writeFileAtomic(path.join(dataDir, MARKS_FILE), `${JSON.stringify(marks)}\n`);
}
