// A server's words are the server's wherever they later sit beside the window's: the secrets main sent that server
// are hidden in them where they enter main, even when the window's own text is the very secret (a right guess, or a
// password typed into a name), so an echo never leaks one. That server's echo of a right guess at its own account's
// password does come back hidden, where a wrong guess comes back as typed: main cannot tell the echo from the server
// quoting the password it was sent, and of a leak and that confirmation it keeps the confirmation (an attacker needs
// the account's own server to echo a name). Secrets that server was never sent (the proxy's password) can reach its
// words only through the window's text, and come back as the window wrote them, right guess or wrong. Real loopback
// servers echo the request; the secrets hold what encodings change.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp } from '../helpers/app-harness';

const PASSWORD = `7%3+&"'é[redacted]ß<x>`;
const PROXY_PASSWORD = `9%2B+&"ü'[redacted]`;

let app: Awaited<ReturnType<typeof bootTestApp>>;
let echo: http.Server;
let serverUrl = '';

/** A library server that refuses everything, quoting what it was asked (path and body) and the Basic credentials. */
function startEcho(): Promise<void> {
  echo = http.createServer((req, res) => {
    const body: Buffer[] = [];
    req.on('data', (chunk: Buffer) => body.push(chunk));
    req.on('end', () => {
      const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8');
      const asked = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `No such thing: ${asked} ${Buffer.concat(body).toString('utf8')} (you sent ${basic})` }));
    });
  });
  return new Promise((resolve) => echo.listen(0, '127.0.0.1', () => resolve()));
}

async function call(method: string, args: unknown): Promise<unknown> {
  const answer = await app.dispatch(method, args);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
  return answer.value;
}

beforeAll(async () => {
  await startEcho();
  serverUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
  app = await bootTestApp();
  await call('settings.update', { proxy: { mode: 'manual', host: '10.9.9.9', port: 3128, username: 'corp', bypass: '*' } });
  await call('settings.setProxyPassword', { password: PROXY_PASSWORD });
});
afterAll(async () => {
  await app.cleanup();
  echo.close();
});

/** Creates a folder named `folder` on an echoing account; what the window reads back: the error, and the new log lines. */
async function createFolder(accountId: string, folder: string): Promise<{ said: unknown; error: unknown; log: string }> {
  const before = ((await call('log.list', { limit: 1 })) as Array<{ seq: number }>)[0]?.seq ?? 0;
  const answer = await app.dispatch('library.createFolder', { accountId, folder });
  if (answer.ok) throw new Error('the echo server refuses everything');
  const entries = (await call('log.list', { limit: 50 })) as Array<{ seq: number; message: string }>;
  const log = entries.filter((e) => e.seq > before).map((e) => e.message).join('\n');
  return { said: answer.error.phrase?.values?.said, error: answer.error, log };
}

async function libraryAccount(password: string): Promise<string> {
  const config = { kind: 'library', label: 'Echo', serverUrl, domain: 'd', userId: 'u', appId: 'a' };
  return ((await call('accounts.create', { config, secret: password })) as { id: string }).id;
}

const forms = (secret: string): string[] => [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];

describe("a server's echo of the password it was sent", () => {
  it('is hidden even where the window wrote that very password', async () => {
    const accountId = await libraryAccount(PASSWORD);
    for (const folder of [PASSWORD, `box ${PASSWORD}`]) {
      const { said, log } = await createFolder(accountId, folder);
      expect(said).toEqual(expect.stringContaining('(you sent u:[redacted])'));
      for (const form of forms(PASSWORD)) {
        expect(String(said), folder).not.toContain(form);
        // The log quotes the window's folder name as written; the server's words keep the password hidden.
        expect(log.split(folder).join('FOLDER'), folder).not.toContain(form);
      }
    }
  });
});

describe("a server's echo of a guess at a secret it was never sent", () => {
  it('reads back the same, right or wrong, in the error and the log', async () => {
    const accountId = await libraryAccount('an ordinary password');
    const readBack = async (guess: string): Promise<string> => {
      const seen = await createFolder(accountId, `box ${guess}`);
      // The guess as written and as the server's JSON echo escapes it, in every string read back.
      const masked = JSON.stringify(seen, (_key, value: unknown) => (typeof value === 'string' ? forms(guess).reduce((text, form) => text.split(form).join('GUESS'), value) : value));
      return masked.replace(/127\.0\.0\.1:\d+/g, 'HOST').replace(/\(\d+ ms\)/g, '(N ms)');
    };
    const wrong = `9%2B+&"ü'[redacted`;
    const right = await readBack(PROXY_PASSWORD);
    expect(right).toMatch(/No such thing: \/rest\/1\.0\/media\/d .*box GUESS.* \(you sent u:\[redacted\]\)/);
    expect(await readBack(wrong)).toBe(right);
  });
});
