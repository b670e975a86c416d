// The attacks that killed the browser host, each replayed against a host in its own process: the host answers or
// closes the connection, and keeps serving. A crash shows as the process exiting.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectServing, servingProblem, startChildHost, type ChildHost } from './support/child-host';
import { frame, inParallel, openUpgraded, sendAndReset, sendRaw, upgradeRequest } from './support/raw';

let host: ChildHost;

beforeAll(async () => {
  host = await startChildHost();
});
// An attack that kills the host must not take the next test down with it: each starts from a live host.
beforeEach(async () => {
  if ((await servingProblem(host)) !== null) {
    await host.stop();
    host = await startChildHost();
  }
});
afterAll(async () => {
  await host?.stop();
});

const validUpgrade = (): string => upgradeRequest({ hostHeader: host.hostHeader, cookie: host.cookie, origin: host.origin });

describe('the browser host survives', () => {
  it('an upgrade request whose target is not a URL (GET http://[), without a token', async () => {
    const { reply } = await sendRaw(host.port, upgradeRequest({ hostHeader: host.hostHeader, path: 'http://[' }));
    expect(reply).toMatch(/^HTTP\/1\.1 4\d\d /);
    await expectServing(host);
  });

  it('the same target as a plain request, signed in', async () => {
    const { reply } = await sendRaw(host.port, `GET http://[ HTTP/1.1\r\nHost: ${host.hostHeader}\r\nCookie: ${host.cookie}\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 4\d\d /);
    await expectServing(host);
  });

  it('2,000 upgrade connections reset half-way, signed in or not', async () => {
    const requests = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? validUpgrade() : upgradeRequest({ hostHeader: host.hostHeader })));
    await inParallel(requests, 40, (request, i) => sendAndReset(host.port, request, i % 3));
    await expectServing(host);
  });

  it('an unmasked 7-byte frame after a valid upgrade', async () => {
    const socket = await openUpgraded(host.port, validUpgrade());
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => undefined);
    socket.write(frame({ opcode: 0x1, mask: false, payload: Buffer.from('1234567') }));
    await closed;
    await expectServing(host);
  });

  it('a 1 MiB frame after a valid upgrade', async () => {
    const socket = await openUpgraded(host.port, validUpgrade());
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => undefined);
    socket.write(frame({ opcode: 0x2, payload: Buffer.alloc(1024 * 1024, 0x41) }));
    await closed;
    await expectServing(host);
  });

  it('a form whose body ends inside its file part, before the staging has begun reading it', async () => {
    // Small, so the parser fails the part's stream in the same tick it hands it over, while the staging is still
    // making its file.
    const body = '--b0undary\r\nContent-Disposition: form-data; name="file"; filename="a.mp4"\r\n\r\nabc';
    const request = `POST /api/stage?name=cut.mp4 HTTP/1.1\r\nHost: ${host.hostHeader}\r\nCookie: ${host.cookie}\r\nOrigin: ${host.origin}\r\nContent-Type: multipart/form-data; boundary=b0undary\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const { reply } = await sendRaw(host.port, request);
    expect(reply).toMatch(/^HTTP\/1\.1 400[\s\S]*"code":"validation"/);
    await expectServing(host);
  });

  it('120 forms cut at random points, with fields, second files and stray parts, 20 at once', async () => {
    // Seeded: a failure replays the same forms.
    let seed = 0x5eed;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const file = (name: string): string => `Content-Disposition: form-data; name="file"; filename="${name}"`;
    const extras = ['Content-Disposition: form-data; name="note"', file('second.mp4'), 'X-Stray: part', 'Content-Disposition: attachment'];
    const forms = Array.from({ length: 120 }, (_, i) => {
      const boundary = `b${i}${'x'.repeat(Math.floor(random() * 60))}`;
      const parts: Buffer[] = [Buffer.from(`--${boundary}\r\n${file(`${i}.mp4`)}\r\n\r\n`), Buffer.alloc(Math.floor(random() * 200_000), i), Buffer.from('\r\n')];
      if (random() < 0.5) parts.push(Buffer.from(`--${boundary}\r\n${extras[Math.floor(random() * extras.length)] ?? ''}\r\n\r\nmore\r\n`));
      parts.push(Buffer.from(`--${boundary}--\r\n`));
      const body = Buffer.concat(parts);
      // Whole, or cut anywhere (inside the boundary, the part's headers, the file, the closing delimiter): the request
      // then either ends there (its length says so) or its sender goes away.
      const sent = random() < 0.25 ? body : body.subarray(0, Math.floor(random() * body.length));
      const length = random() < 0.5 ? sent.length : body.length;
      const head = `POST /api/stage?name=${i}.mp4 HTTP/1.1\r\nHost: ${host.hostHeader}\r\nCookie: ${host.cookie}\r\nOrigin: ${host.origin}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${length}\r\n\r\n`;
      return Buffer.concat([Buffer.from(head), sent]);
    });
    await inParallel(forms, 20, async (bytes) => void (await sendRaw(host.port, bytes, 150)));
    await expectServing(host);
  });
});
