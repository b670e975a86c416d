// Which addresses a server may not send a request to (this computer, private networks), and the transport's
// public-only requests: refused by the address as written, and for a name by what it resolves to when connecting.
// A real server on 127.0.0.1 reached by the name "localhost", which the system resolves (no mocked DNS).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInternalAddress, isInternalHost, publicLookup } from '../../../../main/providers/http/internal-address.js';
import { readBody, send } from '../../../../main/providers/http/transport.js';

describe('isInternalHost', () => {
  it('loopback, RFC 1918, unique-local, link-local, unspecified and localhost names, in every spelling the URL parser leaves', () => {
    const internal = [
      'http://127.0.0.1/', 'http://127.8.9.10/', 'http://2130706433/', 'http://0x7f.1/', 'http://0.0.0.0/', 'http://0/',
      'http://10.1.2.3/', 'http://172.16.0.1/', 'http://172.31.255.255/', 'http://192.168.1.1/', 'http://100.64.0.1/',
      'http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://[::]/', 'http://[fd12:3456::1]/', 'http://[fe80::1]/',
      'http://[::ffff:127.0.0.1]/', 'http://[::ffff:10.0.0.1]/', 'http://localhost/', 'http://LOCALHOST./', 'http://admin.localhost/',
    ];
    for (const url of internal) expect(isInternalHost(new URL(url).hostname), url).toBe(true);
    const outside = ['https://media.twiliocdn.com/x', 'https://8.8.8.8/', 'http://172.32.0.1/', 'http://100.128.0.1/', 'http://[2606:4700::1111]/', 'http://localhost.example/', 'http://mylocalhost/'];
    for (const url of outside) expect(isInternalHost(new URL(url).hostname), url).toBe(false);
    expect(isInternalAddress('localhost')).toBe(false);
  });
});

describe('publicLookup', () => {
  it('fails for a name that resolves to loopback, with the address it found', async () => {
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => publicLookup('localhost', {}, (e) => resolve(e)));
    expect(err).toMatchObject({ code: 'EMDINTERNALADDRESS' });
    expect(['127.0.0.1', '::1']).toContain((err as unknown as { address: string }).address);
  });
});

describe('send with publicOnly', () => {
  let server: http.Server;
  let port: number;
  const hits: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('INTERNAL');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());

  it('refuses a name that resolves to this computer when connecting, and an internal address as written; nothing reaches the server', async () => {
    await expect(send({ method: 'GET', url: new URL(`http://localhost:${port}/by-name`), publicOnly: true })).rejects.toMatchObject({
      code: 'insecure',
      message: expect.stringMatching(new RegExp(`^Refused to connect to localhost:${port}: its name leads to (127\\.0\\.0\\.1|::1), an address on this computer or a private network`)),
    });
    await expect(send({ method: 'GET', url: new URL(`http://127.0.0.1:${port}/by-address`), publicOnly: true })).rejects.toMatchObject({
      code: 'insecure',
      message: expect.stringContaining(`Refused to connect to 127.0.0.1:${port}: its name leads to 127.0.0.1`),
    });
    expect(hits).toEqual([]);
  });

  it('the same requests without publicOnly reach the server (the check is what refused them)', async () => {
    const res = await send({ method: 'GET', url: new URL(`http://localhost:${port}/by-name`) });
    expect((await readBody(res)).toString()).toBe('INTERNAL');
    expect(hits).toEqual(['/by-name']);
  });
});
