// Guards on the window's web contents: nowhere to navigate, no new windows, no permissions, and IPC answered
// only for the app's own top frame.
import type { Session, WebContents, WebFrameMain } from 'electron';
import { APP_HOST, APP_SCHEME } from '../common/channels.js';

/** True only for the main frame of our window showing our own app:// page. */
export function isTrustedSender(frame: WebFrameMain | null | undefined, expected: WebContents | undefined): boolean {
  if (!frame || !expected) return false;
  if (frame.parent !== null) return false;
  if (frame !== expected.mainFrame) return false;
  return isAppUrl(frame.url);
}

/** Compared by scheme and host: WHATWG URL gives custom schemes an opaque ("null") origin outside Chromium. */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export interface ExternalOpener {
  (url: string): void;
}

/**
 * In-app navigation is for app:// only; a link to the web opens in the user's browser (after validation by
 * openExternal), anything else is dropped. No page may open a window of ours.
 */
export function hardenWebContents(contents: WebContents, openExternal: ExternalOpener): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openExternal(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}

/** Camera, microphone, notifications from the page, geolocation…: the renderer needs none of them. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
