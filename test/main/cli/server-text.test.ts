// A hostile server's text reaching the terminal: an upload server whose media_url carries escape sequences (set the
// window title, clear the screen, colour what follows), a Twilio API whose media XML hides one in a comment. The CLI
// runs in-process (runCli) against a real server on 127.0.0.1; what it writes must hold no control character that
// a terminal acts on, and --json must escape them all, C1 included.
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Output } from '../../../main/cli/io.js';
import { runCli } from '../../../main/cli/run.js';
import { cliWords } from '../../../main/cli/words.js';
import { AccountStore } from '../../../main/core/accounts/account-store.js';
import { createKeyFileCipher } from '../../../main/core/vault/cipher.js';
import { SecretVault } from '../../../main/core/vault/vault.js';
import { REPO } from './support/cli-process.js';
import { memoryIo } from './support/memory-io.js';

const ESC = '\x1b';
const CSI = '\u009b';
/** OSC 0 (window title) ended by BEL, erase display, cursor up, red; then an 8-bit CSI. */
const EVIL = `${ESC}]0;PWNED-TITLE\x07${ESC}[2J${ESC}[1A${ESC}[31mRED${CSI}2J`;
/** What a terminal would act on: C0 but line breaks (LF, CRLF) and tab, DEL, C1. */
const ACTED_ON = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/;

const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
const MESSAGE_SID = `MM${'a'.repeat(32)}`;
const MEDIA_SID = `ME${'b'.repeat(32)}`;

let server: http.Server;
let root: string;
let dataDir: string;

function mediaXml(): string {
  const uri = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${MESSAGE_SID}/Media/${MEDIA_SID}.json`;
  return (
    `<?xml version='1.0' encoding='UTF-8'?>\n<TwilioResponse><Media><Sid>${MEDIA_SID}</Sid><AccountSid>${ACCOUNT_SID}</AccountSid>` +
    `<ParentSid>${MESSAGE_SID}</ParentSid><ContentType>image/jpeg</ContentType><DateCreated>Sat, 05 Dec 2026 15:03:00 +0000</DateCreated>` +
    `<DateUpdated>Sat, 05 Dec 2026 15:03:00 +0000</DateUpdated><Uri>${uri}</Uri></Media><!-- ${EVIL} -->\r\n</TwilioResponse>`
  );
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/upload')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ media_url: `https://media.example/ok${EVIL}` }));
      } else if (req.url?.endsWith(`/Media/${MEDIA_SID}.xml`)) {
        res.writeHead(200, { 'content-type': 'application/xml' }).end(mediaXml());
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'md-cli-hostile-'));
  dataDir = path.join(root, 'app');
  await fs.mkdir(dataDir);
  const vault = new SecretVault(dataDir, await createKeyFileCipher(dataDir));
  await vault.load();
  const store = new AccountStore(dataDir, vault);
  await store.load();
  await store.create(
    { kind: 'generic', label: 'Hostile upload', settings: { genericMediaUploadUrl: `${base}/upload`, genericMediaUploadMethod: 'POST', genericMediaUploadMultipartData: 'media=%media_content%' }, username: 'u', variables: {} },
    'upload-password',
  );
  await store.create({ kind: 'twilio', label: 'Hostile Twilio', baseUrl: base, accountSid: ACCOUNT_SID, authMode: 'authToken' }, 'twilio-token');
});
afterAll(async () => {
  server?.close();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

/** runCli in-process; stdout may be made to say it is a terminal, as process.stdout does on one. */
async function cli(args: readonly string[], stdoutIsTerminal = false): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({}, root);
  if (stdoutIsTerminal) Object.assign(io.stdout as PassThrough, { isTTY: true });
  const code = await runCli([...args, '--data-dir', dataDir], io, new AbortController().signal);
  return { code, out: io.out(), err: io.err() };
}

describe('upload: a media_url with escape sequences', () => {
  const photo = path.join(REPO, 'assets/demo/fractal.jpg');

  it('prints the URL as it is fetched (control characters percent-encoded), nothing a terminal acts on', async () => {
    const result = await cli(['upload', '--account', 'Hostile upload', photo]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).not.toMatch(ACTED_ON);
    expect(result.out).toBe('https://media.example/ok%1B]0;PWNED-TITLE%07%1B[2J%1B[1A%1B[31mRED%C2%9B2J\n');
  });

  it('--json carries the same URL', async () => {
    const result = await cli(['--json', 'upload', '--account', 'Hostile upload', photo]);
    expect(result.code).toBe(0);
    expect(result.out).not.toMatch(ACTED_ON);
    const doc = JSON.parse(result.out) as { results: Array<{ mediaUrl: string }> };
    expect(doc.results[0]?.mediaUrl).toBe('https://media.example/ok%1B]0;PWNED-TITLE%07%1B[2J%1B[1A%1B[31mRED%C2%9B2J');
  });
});

describe('twilio media get --xml: escape sequences in the XML', () => {
  const args = ['twilio', 'media', 'get', '--account', 'Hostile Twilio', MESSAGE_SID, MEDIA_SID, '--xml'];

  it('on a terminal, shows the XML with its control characters as spaces, line breaks (CRLF too) kept', async () => {
    const result = await cli(args, true);
    expect(result.code).toBe(0);
    expect(result.out).not.toMatch(ACTED_ON);
    expect(result.out).toContain('<!--  ]0;PWNED-TITLE  [2J [1A [31mRED 2J -->\r\n</TwilioResponse>');
    expect(result.out.startsWith("<?xml version='1.0' encoding='UTF-8'?>\n<TwilioResponse>")).toBe(true);
  });

  it('into a pipe or a file, the server’s bytes as they came', async () => {
    const result = await cli(args);
    expect(result.code).toBe(0);
    expect(result.out).toBe(`${mediaXml()}\n`);
  });

  it('--json escapes every control character, C1 (8-bit CSI) included, and reads back as the server’s XML', async () => {
    const result = await cli(['--json', ...args]);
    expect(result.code).toBe(0);
    expect(result.out).not.toMatch(ACTED_ON);
    expect(result.out).toContain('\\u009b2J');
    expect((JSON.parse(result.out) as { xml: string }).xml).toBe(mediaXml());
  });
});

describe('the output layer, whatever a command forgot', () => {
  it('text lines, warnings and progress labels never carry a control character; --json escapes C1 too', () => {
    const io = memoryIo();
    Object.assign(io.stderr, { isTTY: true });
    const out = new Output(io, false, cliWords('en'));
    out.line(`name${EVIL}\nforged line`);
    out.warn(`said${EVIL}`);
    const progress = out.progress(`file${EVIL}`);
    progress.update(1, 2);
    progress.end();
    expect(io.out()).toBe('name ]0;PWNED-TITLE  [2J [1A [31mRED 2J forged line\n');
    expect(io.err()).toContain('media-desk: said ]0;PWNED-TITLE  [2J [1A [31mRED 2J\n');
    // The progress line's own erase-line sequence is the only escape on stderr.
    expect(io.err().replaceAll('\r\x1b[2K', '')).not.toMatch(ACTED_ON);

    const jsonIo = memoryIo();
    new Output(jsonIo, true, cliWords('en')).document({ text: EVIL });
    expect(jsonIo.out()).not.toMatch(ACTED_ON);
    expect((JSON.parse(jsonIo.out()) as { text: string }).text).toBe(EVIL);
  });
});
