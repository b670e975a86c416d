// The browser host's session: the printed URL's token is traded once for a random session id, in a cookie named
// for the host's port; the token itself is then worth nothing, and nothing but that cookie opens the host.
import { describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../../main/webhost/server';
import { httpRequest, type Reply } from './support/child-host';
import { useHostApp } from './support/host-app';

const fixture = useHostApp();
const newHost = (): Promise<BrowserHost> => fixture.startHost();

const get = (host: BrowserHost, pathname: string, headers: Record<string, string> = {}): Promise<Reply> => httpRequest(host.port, pathname, { headers });
const invoke = (host: BrowserHost, headers: Record<string, string>): Promise<Reply> =>
  httpRequest(host.port, '/api/invoke', { method: 'POST', headers: { origin: host.origin, 'content-type': 'application/json', ...headers }, body: '{"method":"app.info","args":{}}' });

function sessionCookie(reply: Reply): { pair: string; name: string; value: string; attributes: string[] } {
  const header = reply.headers['set-cookie']?.[0] ?? '';
  const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
  const [name = '', value = ''] = pair.split('=');
  return { pair, name, value, attributes };
}

describe('the browser host session', () => {
  it('trades the launch token for a random session id in an HttpOnly, SameSite=Strict cookie named for its port, and drops the token from the URL', async () => {
    const host = await newHost();
    const exchange = await get(host, `/?token=${host.token}`);
    expect(exchange.status).toBe(303);
    expect(exchange.headers.location).toBe('/');
    const cookie = sessionCookie(exchange);
    expect(cookie.name).toBe(`md_session_${host.port}`);
    expect(cookie.value).not.toContain(host.token);
    expect(cookie.value.length).toBeGreaterThanOrEqual(32);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    expect((await get(host, '/', { cookie: cookie.pair })).status).toBe(200);
  });

  it('spends the token: the printed URL opened again without the session gets 401', async () => {
    const host = await newHost();
    expect((await get(host, `/?token=${host.token}`)).status).toBe(303);
    const again = await get(host, `/?token=${host.token}`);
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.body).toMatch(/already been used/);
  });

  it('lets the browser that signed in reload, and open the printed URL again, on the same session', async () => {
    const host = await newHost();
    const cookie = sessionCookie(await get(host, `/?token=${host.token}`)).pair;
    expect((await get(host, '/', { cookie })).status).toBe(200);
    const reopened = await get(host, `/?token=${host.token}`, { cookie });
    expect([reopened.status, reopened.headers.location, reopened.headers['set-cookie']]).toEqual([303, '/', undefined]);
    expect((await invoke(host, { cookie })).status).toBe(200);
  });

  it('accepts neither the launch token as a cookie nor any Bearer header', async () => {
    const host = await newHost();
    const cookie = sessionCookie(await get(host, `/?token=${host.token}`));
    expect((await invoke(host, { authorization: `Bearer ${host.token}` })).status).toBe(401);
    expect((await invoke(host, { authorization: `Bearer ${cookie.value}` })).status).toBe(401);
    expect((await invoke(host, { cookie: `${cookie.name}=${host.token}` })).status).toBe(401);
    expect((await invoke(host, { cookie: `md_session=${host.token}` })).status).toBe(401);
    expect((await invoke(host, { cookie: `md_session=${cookie.value}` })).status).toBe(401);
  });

  it('keeps two hosts on two ports apart: each its own cookie, neither opens the other', async () => {
    const first = await newHost();
    const second = await newHost();
    const a = sessionCookie(await get(first, `/?token=${first.token}`));
    const b = sessionCookie(await get(second, `/?token=${second.token}`));
    expect(a.name).not.toBe(b.name);
    // The browser sends both cookies to both ports (cookies ignore ports): each host reads only its own.
    const both = `${a.pair}; ${b.pair}`;
    expect((await invoke(first, { cookie: both })).status).toBe(200);
    expect((await invoke(second, { cookie: both })).status).toBe(200);
    expect((await invoke(second, { cookie: `${b.name}=${a.value}` })).status).toBe(401);
    expect((await invoke(first, { cookie: `${a.name}=${b.value}` })).status).toBe(401);
  });

  it('refuses a wrong token without spending the right one', async () => {
    const host = await newHost();
    expect((await get(host, '/?token=not-the-token')).status).toBe(401);
    expect((await get(host, `/?token=${host.token.slice(0, -1)}`)).status).toBe(401);
    expect((await get(host, `/?token=${host.token}`)).status).toBe(303);
  });
});
