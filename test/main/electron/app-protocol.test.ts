import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELECTRON_CSP, PRIVILEGED_SCHEMES, serveAppRequest } from '../../../main/electron/app-protocol';
import { makeRendererDir } from '../../helpers/app-harness';

let dir: string;
beforeAll(async () => {
  dir = await makeRendererDir();
  await fs.writeFile(path.join(path.dirname(dir), 'outside.txt'), 'outside');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('the app:// protocol', () => {
  it('serves the renderer files with the CSP', async () => {
    const res = await serveAppRequest(dir, { url: 'app://media-desk/index.html', method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(ELECTRON_CSP);
    expect(await res.text()).toContain('Media Desk');
  });

  it('has a CSP without inline or eval script', () => {
    const scriptSrc = ELECTRON_CSP.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self'");
    expect(ELECTRON_CSP).not.toMatch(/unsafe-(inline|eval)/);
    expect(ELECTRON_CSP).toMatch(/default-src 'none'/);
    expect(ELECTRON_CSP).toMatch(/object-src 'none'/);
  });

  it.each([
    'app://media-desk/../outside.txt',
    'app://media-desk/%2e%2e/outside.txt',
    'app://media-desk/assets/..%2F..%2Foutside.txt',
    'app://media-desk/%2e%2e%5coutside.txt',
    'app://media-desk/.hidden',
    'app://media-desk/missing.js',
    'app://elsewhere/index.html',
  ])('refuses %s', async (url) => {
    const res = await serveAppRequest(dir, { url, method: 'GET' });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('outside');
  });

  it('answers only GET and HEAD', async () => {
    expect((await serveAppRequest(dir, { url: 'app://media-desk/index.html', method: 'POST' })).status).toBe(405);
  });

  it('registers app:// as a standard, secure scheme', () => {
    expect(PRIVILEGED_SCHEMES[0]).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
  });
});
