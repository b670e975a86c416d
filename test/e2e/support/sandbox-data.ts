// What the sandbox the browser host started puts on screen that is data, not the app's words: its accounts' labels
// and ids, the library's folder and file names and who made them, Twilio's message bodies, numbers and sids. Read
// from that running sandbox, the way any client would (its accounts file and its own APIs), so the list is exactly
// the data of this run and nothing else: an English word of the app's catalogue is never in it (unless the sandbox
// itself says it), and the Japanese screens' check (untranslated.ts) catches it.
import { promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { shortId } from '../../../main/common/address-book';
import { readSandboxLibrary, rest } from './library-rest';

interface AccountsFile {
  generic: { label: string; username: string };
  library: { label: string };
  twilio: { label: string; baseUrl: string; accountSid: string; authToken: string; apiKeySid: string };
}

interface LibraryEntries {
  entry: Array<{ id: string; createdBy: string; createdWith: string; dest?: string }>;
}

interface TwilioMessages {
  messages: Array<{ sid: string; body: string; from: string; to: string; num_media: string }>;
}

interface TwilioMedia {
  media_list: Array<{ sid: string; content_type: string }>;
}

function getJson<T>(url: URL, user: string, password: string): Promise<T> {
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { authorization, accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) reject(new Error(`GET ${url.pathname}: HTTP ${res.statusCode} ${text.slice(0, 200)}`));
        else resolve(JSON.parse(text) as T);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function libraryEntries(answer: ReturnType<typeof rest>, what: string): Promise<LibraryEntries['entry']> {
  const got = await answer;
  if (got.status !== 200) throw new Error(`${what}: HTTP ${got.status}`);
  return (JSON.parse(got.body.toString('utf8')) as LibraryEntries).entry;
}

/** Every string the sandbox of the host on `dataDir` shows as data, each once. */
export async function sandboxData(dataDir: string): Promise<string[]> {
  const accounts = JSON.parse(await fs.readFile(path.join(dataDir, 'sandbox', 'sandbox-accounts.json'), 'utf8')) as AccountsFile;
  const library = await readSandboxLibrary(dataDir);
  const data = [
    accounts.generic.label, accounts.generic.username, accounts.library.label, accounts.twilio.label, accounts.twilio.accountSid, accounts.twilio.apiKeySid,
    library.demo.domain, library.demo.userId, library.demo.appId, library.other.userId, library.other.appId,
  ];

  // The folders the demo user sees, and their files (a file's id is folder/file).
  for (const folder of await libraryEntries(rest(library.demo, 'GET', []), 'the folders')) {
    data.push(folder.id, folder.createdBy, folder.createdWith);
    for (const file of await libraryEntries(rest(library.demo, 'GET', [folder.id]), `the folder ${folder.id}`)) {
      data.push(file.id.slice(folder.id.length + 1), file.createdBy, file.createdWith, ...(file.dest === undefined ? [] : [file.dest]));
    }
  }

  // Twilio's messages and their media (a message's status is Twilio's word, which the app translates: not data).
  const twilio = accounts.twilio;
  const messages = `/2010-04-01/Accounts/${twilio.accountSid}/Messages`;
  const get = <T>(at: string) => getJson<T>(new URL(at, twilio.baseUrl), twilio.accountSid, twilio.authToken);
  for (const message of (await get<TwilioMessages>(`${messages}.json?PageSize=1000`)).messages) {
    data.push(message.sid, message.body, message.from, message.to);
    if (message.num_media === '0') continue;
    for (const media of (await get<TwilioMedia>(`${messages}/${message.sid}/Media.json?PageSize=1000`)).media_list) data.push(media.sid, media.content_type);
  }
  return [...new Set(data.filter((s) => s.length > 0))];
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The data as patterns for untranslatedText: each string as a whole (never inside a longer word), and as the app
 * shortens an id where space is short (shortId: "mediades…"), longest first.
 */
export function dataPatterns(data: readonly string[]): RegExp[] {
  const forms = new Set(data.flatMap((s) => [s, shortId(s)]));
  return [...forms].sort((a, b) => b.length - a.length).map((s) => new RegExp(`(?<![\\w-])${escaped(s)}(?![\\w-])`, 'g'));
}
