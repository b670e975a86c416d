// sandbox-accounts.json: written atomically and privately, valid against the exported schema, and its generic
// templates, filled in as the vendor's template language says, really drive the sandbox's upload, precheck and
// media reference send.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxAccountsSchema, type SandboxAccounts } from '../../../main/sandbox/index.js';
import { demoAsset, httpRequest, listFiles, startTestSandbox, type TestSandbox } from './helpers.js';

type Vars = Record<string, string>;

/** %name% and %account[key]% substitution; URL values percent-encoded, part and header values raw. */
function fill(template: string, vars: Vars, account: Vars, encode: (v: string) => string = (v) => v): string {
  return template.replace(/%(account\[([a-z_]+)\]|[a-z_]+)%/gi, (_all, name: string, key: string | undefined) => {
    const value = key !== undefined ? account[key] : vars[name];
    if (value === undefined) throw new Error(`unknown template variable ${name}`);
    return encode(value);
  });
}

function buildMultipart(data: string, vars: Vars, account: Vars, file: { name: string; type: string; bytes: Buffer }): { body: Buffer; contentType: string } {
  const boundary = 'sandboxTestBoundary4711';
  const parts: Buffer[] = [];
  for (const pair of data.split('&')) {
    const [name, template = ''] = pair.split('=');
    if (template === '%media_content%') {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
    } else {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${fill(template, vars, account)}\r\n`));
    }
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function headersOf(template: string, vars: Vars, account: Vars): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of template.split('\n').filter((l) => l.trim() !== '')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim()] = fill(line.slice(colon + 1).trim(), vars, account);
  }
  return headers;
}

describe('sandbox-accounts.json', () => {
  let t: TestSandbox;
  let accounts: SandboxAccounts;
  let file: string;

  beforeAll(async () => {
    t = await startTestSandbox();
    accounts = t.sandbox.accounts;
    file = path.join(t.dataDir, 'sandbox-accounts.json');
  });
  afterAll(() => t.stop());

  it('is the sandbox accounts, valid against sandboxAccountsSchema, readable by its owner only, with no temp file left', async () => {
    expect(t.sandbox.accountsFile).toBe(file);
    const onDisk = sandboxAccountsSchema.parse(JSON.parse(await fs.readFile(file, 'utf8')));
    expect(onDisk).toEqual(accounts);
    expect(accounts.baseUrl).toBe(t.sandbox.baseUrl);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect((await fs.stat(path.join(t.dataDir, 'sandbox-secrets.json'))).mode & 0o777).toBe(0o600);
    expect((await listFiles(t.dataDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('the schema refuses what the app must not trust', () => {
    const bad = [
      { ...accounts, version: 2 },
      { ...accounts, baseUrl: 'https://api.example.com' },
      { ...accounts, twilio: { ...accounts.twilio, accountSid: 'not-a-sid' } },
      { ...accounts, library: { ...accounts.library, password: undefined } },
      { ...accounts, generic: { ...accounts.generic, settings: { ...accounts.generic.settings, genericMediaUploadUrl: 5 } } },
    ];
    for (const value of bad) expect(sandboxAccountsSchema.safeParse(value).success).toBe(false);
  });

  it('the generic templates use the vendor template language', () => {
    const s = accounts.generic.settings;
    expect(s.genericMediaUploadMultipartData).toMatch(/%account\[username\]%.*%account\[password\]%/);
    expect(s.genericMediaUploadMultipartData).toMatch(/=%media_content%/);
    expect(s.genericMediaUploadPrecheckUrl).toMatch(/%media_size%.*%content_type%/);
    expect(s.genericMediaRefSendPostData).toMatch(/%sms_to%.*%media_url%.*%preview_content%/);
  });

  it('filled in as the vendor describes, the templates drive upload, precheck and reference send', async () => {
    const s = accounts.generic.settings;
    const account = { username: accounts.generic.username, password: accounts.generic.password };
    const media = await demoAsset('ocean-gradient.jpg');
    const vars: Vars = { sms_to: '+14155550123', description: 'Océan', media_size: String(media.length), content_type: 'image/jpeg' };

    const precheck = await httpRequest(fill(s.genericMediaUploadPrecheckUrl, vars, account, encodeURIComponent), { method: s.genericMediaUploadPrecheckMethod });
    expect(precheck.status).toBe(200);

    const multipart = buildMultipart(s.genericMediaUploadMultipartData, vars, account, { name: 'océan.jpg', type: 'image/jpeg', bytes: media });
    const upload = await httpRequest(fill(s.genericMediaUploadUrl, vars, account, encodeURIComponent), {
      method: s.genericMediaUploadMethod,
      headers: { ...headersOf(s.genericMediaUploadCustomHeaders, vars, account), 'Content-Type': multipart.contentType },
      body: multipart.body,
    });
    expect(upload.status, upload.text()).toBe(200);
    const mediaUrl = /<media_url>([^<]+)<\/media_url>/.exec(upload.text())![1]!;
    expect((await httpRequest(mediaUrl)).body.equals(media)).toBe(true);

    const sendVars: Vars = { ...vars, media_url: mediaUrl, media_content_type: 'image/jpeg', preview_content: media.toString('base64'), preview_content_type: 'image/jpeg', preview_width: '80', preview_height: '60' };
    const send = await httpRequest(fill(s.genericMediaRefSendUrl, sendVars, account, encodeURIComponent), {
      method: s.genericMediaRefSendMethod,
      headers: { ...headersOf(s.genericMediaRefSendCustomHeaders, sendVars, account), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: fill(s.genericMediaRefSendPostData, sendVars, account, encodeURIComponent),
    });
    expect(send.status, send.text()).toBe(200);
    expect(send.headers['content-type']).toMatch(/^application\/json/);
    const { message_sid: sid } = send.json() as { message_sid: string };
    expect(t.sandbox.twilio.messageSids()[0]).toBe(sid);
  });
});
