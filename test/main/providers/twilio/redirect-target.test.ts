// Where a media redirect may send main: never to this computer or a private network (the answer of an internal
// admin page or a cloud metadata service would reach the window), except for main's embedded sandbox account (its
// mark, which main alone sets; its CDN is another loopback port): an API merely listening on loopback gets no such
// leave. The decision, then the whole chain against real servers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import dns from 'node:dns/promises';
import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/common/errors.js';
import { ja } from '../../../../main/common/i18n/locales/ja/index.js';
import { sayPhrase } from '../../../../main/common/i18n/phrase.js';
import { createTranslator } from '../../../../main/common/i18n/translator.js';
import { assertHopTarget } from '../../../../main/providers/twilio/media-content.js';
import { createTwilioClient } from '../../../../main/providers/twilio/index.js';
import { isInternalAddress } from '../../../../main/providers/http/internal-address.js';
import { authTokenClient } from './support/clients.js';
import { ACCOUNT_SID, AUTH_TOKEN, makeMessages, sid } from './support/fake-data.js';
import { startFakeTwilio, type FakeTwilio } from './support/fake-twilio.js';

/** This computer's host name resolves to one of its own addresses on most systems (/etc/hosts); not everywhere. */
const hostNameIsInternal = await dns.lookup(os.hostname(), { all: true }).then((all) => all.some((a) => isInternalAddress(a.address)), () => false);
const refusal = (sandboxApi: boolean, target: string): AppError | undefined => {
  try {
    assertHopTarget(sandboxApi, new URL(target));
    return undefined;
  } catch (err) {
    return err as AppError;
  }
};

describe('assertHopTarget', () => {
  it("refuses, from Twilio's API, a hop to this computer or a private network, naming the host", () => {
    const internal = [
      'http://127.0.0.1:8080/admin/secrets', 'https://127.0.0.1/', 'http://localhost:9000/', 'http://media.localhost/', 'http://[::1]:80/',
      'http://10.0.0.5/', 'http://172.20.1.1/', 'http://192.168.0.1/', 'http://169.254.169.254/latest/meta-data/', 'http://[fe80::1]/',
      'http://[fd00::1]/', 'http://0.0.0.0:8080/', 'http://[::ffff:127.0.0.1]/', 'http://2130706433/',
    ];
    for (const target of internal) expect(refusal(false, target), target).toMatchObject({ code: 'insecure' });
    expect(refusal(false, 'http://127.0.0.1:8080/admin/secrets')?.message).toBe(
      'The media redirect points to 127.0.0.1:8080, an address on this computer or a private network; refused (a server may not send the app to internal addresses).',
    );
    const said = sayPhrase(createTranslator('ja', { ja }), refusal(false, 'http://169.254.169.254/')!.phrase!);
    expect(said).toContain('169.254.169.254');
    expect(said).toMatch(/プライベートネットワーク/);
  });

  it('follows a hop to a public CDN', () => {
    for (const target of ['https://media.twiliocdn.com/AC1/abc?Expires=1&Signature=x', 'https://s3-external-1.amazonaws.com/media.twiliocdn.com/x', 'https://93.184.216.34/x']) {
      expect(refusal(false, target), target).toBeUndefined();
    }
  });

  it('the sandbox account may send us to loopback, but not to a private network; no other account may', () => {
    expect(refusal(true, 'http://127.0.0.1:4001/media/ME1?Expires=1')).toBeUndefined();
    expect(refusal(true, 'http://localhost:4001/media/ME1')).toBeUndefined();
    expect(refusal(true, 'https://media.twiliocdn.com/x')).toBeUndefined();
    expect(refusal(true, 'http://10.0.0.5/')).toMatchObject({ code: 'insecure' });
    expect(refusal(true, 'http://169.254.169.254/')).toMatchObject({ code: 'insecure' });
    expect(refusal(false, 'http://127.0.0.1:4001/media/ME1?Expires=1')).toMatchObject({ code: 'insecure' });
  });
});

describe('a media download against real servers', () => {
  let fake: FakeTwilio;
  let internal: http.Server;
  const internalHits: string[] = [];
  beforeEach(async () => {
    fake = await startFakeTwilio(makeMessages(1, '2024-03-01', 1));
    internal = http.createServer((req, res) => {
      internalHits.push(req.url ?? '');
      res.end('INTERNAL-ADMIN-SECRET');
    });
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    await fake.close();
    internal.close();
  });
  const media = () => fake.messages[0]?.media[0]?.sid ?? '';

  it("an ordinary account whose API is on loopback is refused a redirect to another loopback server, which never hears of it", async () => {
    const port = (internal.address() as AddressInfo).port;
    fake.mediaRedirect = () => ({ status: 302, location: `http://127.0.0.1:${port}/admin/secrets` });
    const ordinary = createTwilioClient({ baseUrl: fake.baseUrl, accountSid: ACCOUNT_SID, credential: { kind: 'authToken', authToken: AUTH_TOKEN } });
    await expect(ordinary.openMediaContent(sid('MM', 1), media())).rejects.toMatchObject({ code: 'insecure', message: expect.stringContaining(`127.0.0.1:${port}`) });
    // The window's word cannot make it the sandbox's: the mark is main's, read from the saved account only.
    await expect(ordinary.downloadMedia(sid('MM', 1), media(), { dir: os.tmpdir() })).rejects.toMatchObject({ code: 'insecure' });
    expect(fake.log.length).toBeGreaterThan(0);
    expect(internalHits).toEqual([]);
  });

  it("the sandbox account's API on loopback still redirects to its loopback CDN, and a private address is refused before any connection", async () => {
    const content = await authTokenClient(fake.baseUrl).openMediaContent(sid('MM', 1), media());
    content.body.destroy();
    expect(content.status).toBe(200);
    expect(fake.cdnLog).toHaveLength(1);

    fake.mediaRedirect = () => ({ status: 302, location: 'http://169.254.169.254/latest/meta-data/iam' });
    await expect(authTokenClient(fake.baseUrl).openMediaContent(sid('MM', 1), media())).rejects.toMatchObject({ code: 'insecure', message: expect.stringContaining('169.254.169.254') });
  });

  it.skipIf(!hostNameIsInternal)('from an API that is not on loopback, a hop whose name leads to this computer is refused when connecting; the internal server never hears of it', async () => {
    // The API is the fake reached as [::ffff:127.0.0.1], which isLoopbackHost does not count as loopback (so no
    // sandbox exemption); the redirect names the internal server by this computer's host name, which only the
    // resolver shows to be internal.
    const port = (internal.address() as AddressInfo).port;
    const api = fake.baseUrl.replace('127.0.0.1', '[::ffff:127.0.0.1]');
    fake.mediaRedirect = () => ({ status: 302, location: `http://${os.hostname()}:${port}/admin/secrets` });
    const client = createTwilioClient({ baseUrl: api, accountSid: ACCOUNT_SID, credential: { kind: 'authToken', authToken: AUTH_TOKEN }, allowInsecure: true });
    await expect(client.openMediaContent(sid('MM', 1), media())).rejects.toMatchObject({ code: 'insecure', message: expect.stringContaining(`Refused to connect to ${os.hostname()}:${port}`) });
    expect(fake.log).toHaveLength(1);
    expect(internalHits).toEqual([]);
  });
});
