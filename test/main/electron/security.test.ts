import { EventEmitter } from 'node:events';
import type { Session, WebContents, WebFrameMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { denyAllPermissions, hardenWebContents, isTrustedSender } from '../../../main/electron/security';

class FakeContents extends EventEmitter {
  windowOpenHandler?: (details: { url: string }) => { action: string };
  mainFrame = { url: 'app://media-desk/index.html', parent: null } as unknown as WebFrameMain;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

function navigate(contents: FakeContents, event: string, url: string): boolean {
  const e = { preventDefault: vi.fn() };
  contents.emit(event, e, url);
  return e.preventDefault.mock.calls.length > 0;
}

describe('the web contents guards', () => {
  it('lets the window navigate within app:// only, and sends web links to the browser', () => {
    const contents = new FakeContents();
    const openExternal = vi.fn<(url: string) => void>();
    hardenWebContents(contents as unknown as WebContents, openExternal);
    expect(navigate(contents, 'will-navigate', 'app://media-desk/index.html')).toBe(false);
    expect(navigate(contents, 'will-navigate', 'https://attacker.example/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'app://other-host/x')).toBe(true);
    expect(navigate(contents, 'will-redirect', 'https://attacker.example/')).toBe(true);
    expect(openExternal.mock.calls.map((c) => c[0])).toEqual(['https://attacker.example/', 'file:///etc/passwd', 'app://other-host/x']);
  });

  it('denies every new window', () => {
    const contents = new FakeContents();
    const openExternal = vi.fn();
    hardenWebContents(contents as unknown as WebContents, openExternal);
    expect(contents.windowOpenHandler?.({ url: 'https://docs.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://media-desk/index.html' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.example/');
  });

  it('refuses webviews', () => {
    const contents = new FakeContents();
    hardenWebContents(contents as unknown as WebContents, vi.fn());
    expect(navigate(contents, 'will-attach-webview', 'x')).toBe(true);
  });

  it('denies every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let device: (() => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      setDevicePermissionHandler: (h: typeof device) => (device = h),
    };
    denyAllPermissions(session as unknown as Session);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      const callback = vi.fn();
      request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(check?.()).toBe(false);
    expect(device?.()).toBe(false);
  });
});

describe('the IPC sender check', () => {
  const contents = new FakeContents();
  const window = contents as unknown as WebContents;
  it('trusts the main frame of the app window showing app://media-desk', () => {
    expect(isTrustedSender(contents.mainFrame, window)).toBe(true);
  });
  it.each([
    ['a subframe', { url: 'app://media-desk/index.html', parent: {} }],
    ['another frame of the same origin', { url: 'app://media-desk/index.html', parent: null }],
    ['a page from the web', null],
  ])('refuses %s', (_what, frame) => {
    const other = frame ?? { url: 'https://attacker.example/', parent: null };
    expect(isTrustedSender(other as unknown as WebFrameMain, window)).toBe(false);
  });
  it('refuses the right frame once it shows another origin', () => {
    const c = new FakeContents();
    (c.mainFrame as unknown as { url: string }).url = 'https://attacker.example/';
    expect(isTrustedSender(c.mainFrame, c as unknown as WebContents)).toBe(false);
  });
  it('refuses when there is no window or no frame', () => {
    expect(isTrustedSender(null, window)).toBe(false);
    expect(isTrustedSender(contents.mainFrame, undefined)).toBe(false);
  });
});
