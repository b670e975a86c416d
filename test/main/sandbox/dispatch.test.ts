// What every request meets before its protocol: the loopback Host check, and the sandbox's index.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest, startTestSandbox, type TestSandbox } from './helpers.js';

describe('the sandbox front door', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox();
  });
  afterAll(() => t.stop());

  it('answers only to its own loopback origin in Host (a DNS-rebinding page is refused)', async () => {
    const port = new URL(t.sandbox.baseUrl).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      expect((await httpRequest(`${t.sandbox.baseUrl}/`, { headers: { Host: host } })).status).toBe(200);
    }
    for (const host of [`evil.example:${port}`, '127.0.0.1:1', 'localhost']) {
      const res = await httpRequest(`${t.sandbox.baseUrl}/`, { headers: { Host: host } });
      expect(res.status).toBe(421);
      expect((res.json() as { message: string }).message).toContain(t.sandbox.baseUrl);
    }
  });

  it('the CDN origin checks Host too', async () => {
    const res = await httpRequest(`${t.sandbox.cdnUrl}/media/x`, { headers: { Host: 'evil.example' } });
    expect(res.status).toBe(421);
  });

  it('the index names the three protocols at this origin', async () => {
    const index = (await httpRequest(`${t.sandbox.baseUrl}/`)).json() as Record<string, string>;
    expect(index.generic).toBe(t.sandbox.accounts.generic.settings.genericMediaUploadUrl);
    expect(index.library).toContain(`${t.sandbox.baseUrl}/rest/1.0/media/`);
    expect(index.twilio).toContain(`${t.sandbox.baseUrl}/2010-04-01/Accounts/`);
  });

  it('listens on 127.0.0.1 only', async () => {
    const port = Number(new URL(t.sandbox.baseUrl).port);
    const reached = await new Promise<boolean>((resolve) => {
      const req = http.get({ host: '::1', port, path: '/', agent: false }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('error', () => resolve(false));
    });
    expect(reached).toBe(false);
  });
});
