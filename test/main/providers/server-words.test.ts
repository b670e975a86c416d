// Where a server's words enter main, the secrets the request carried are hidden in them (serverWords), in the forms
// a server writes them back in: as sent, JSON-escaped, XML-escaped, in the Basic header's Base64. Twilio's API is a real
// loopback server that quotes the request; the generic server's answers are parsed as the client parses them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverWords } from '../../../main/core/log/redact';
import { parseServerAnswer } from '../../../main/providers/generic/response';
import { createTwilioClient } from '../../../main/providers/twilio/index';
import { ACCOUNT_SID, API_KEY_SECRET, API_KEY_SID } from './twilio/support/fake-data';

const HOSTILE = `p%2B+&"'é ü<[redacted]>`;
const xmlEscaped = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#039;');

describe('serverWords', () => {
  it('hides every form of a sent secret, and nothing else', () => {
    for (const written of [HOSTILE, encodeURIComponent(HOSTILE), JSON.stringify(HOSTILE).slice(1, -1), xmlEscaped(HOSTILE), Buffer.from(`u:${HOSTILE}`).toString('base64')]) {
      const out = serverWords(`you sent ${written} as ${written}.`, [HOSTILE]);
      // The secret holds the placeholder itself: what counts is that no form of it is left whole.
      expect(out, written).not.toContain(written);
      expect(out, written).toMatch(/^you sent .*\[redacted\].* as .*\[redacted\]/);
    }
    expect(serverWords('Folder "box" was not found.', [HOSTILE])).toBe('Folder "box" was not found.');
  });
});

describe("a generic server's message", () => {
  it('has the sent secrets hidden, in XML and in JSON, before it is cut to length', () => {
    const xml = parseServerAnswer(Buffer.from(`<response><message>bad password ${xmlEscaped(HOSTILE)}</message></response>`), 'text/xml', 'h', [HOSTILE]);
    const json = parseServerAnswer(Buffer.from(JSON.stringify({ message: `bad password ${HOSTILE}` })), 'application/json', 'h', [HOSTILE]);
    expect(xml.message).toBe('bad password [redacted]');
    expect(json.message).toBe('bad password [redacted]');
    // Messages are cut at 300 characters; a secret cut there first would leave its start.
    const cut = parseServerAnswer(Buffer.from(JSON.stringify({ message: `${'x'.repeat(295)}${HOSTILE}` })), 'application/json', 'h', [HOSTILE]);
    expect(cut.message).toBe(`${'x'.repeat(295)}[redacted]`.slice(0, 299) + '…');
  });
});

describe("Twilio's words, from a loopback API that quotes the request", () => {
  let api: http.Server;
  let baseUrl = '';
  beforeAll(async () => {
    api = http.createServer((req, res) => {
      const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8');
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 20003, message: `Authenticate: ${basic} is not valid`, more_info: `https://www.twilio.com/docs/errors/20003?you=${encodeURIComponent(basic)}`, status: 401 }));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });
  afterAll(() => api.close());

  it('have the secret they were sent hidden, in the message and the link', async () => {
    const client = createTwilioClient({ baseUrl, accountSid: ACCOUNT_SID, credential: { kind: 'apiKey', apiKeySid: API_KEY_SID, apiKeySecret: API_KEY_SECRET } }, { retry: { maxAttempts: 1 } });
    const error = await client.listMessages({ pageSize: 1 }).then(
      () => undefined,
      (err: unknown) => err as { message: string; details?: { moreInfo?: string } },
    );
    expect(error?.message).toContain(`Authenticate: ${API_KEY_SID}:[redacted] is not valid`);
    expect(JSON.stringify(error)).not.toContain(API_KEY_SECRET);
    expect(error?.details?.moreInfo).not.toContain(API_KEY_SECRET);
  });
});
