// Which route each request takes, from the Settings' Network section first: "none" goes direct, "manual" uses the
// proxy given there (its bypass list read like NO_PROXY), "system" asks the host: the OS's proxy in the desktop app
// (Chromium's answer for the URL), HTTPS_PROXY / HTTP_PROXY / NO_PROXY in the browser host. A user name in Settings
// with the password from the vault is offered to the manual proxy, or with the system's to the one proxy named for
// them (credentialsProxy), and to no other a PAC script or the environment names: sent to that proxy only once it
// asked for them (proxy-auth.ts). None named (a settings file from before): offered to none, and a 407 says why.
import { credentialsProxyOrigin, type ProxySetting } from '../common/proxy.js';
import { phrase } from '../common/i18n/phrase.js';

import { isBypassed } from '../providers/http/proxy-env.js';
import { routeFromPac } from '../providers/http/proxy-pac.js';
import { offeringCredentials } from '../providers/http/proxy-auth.js';
import { DIRECT, type ProxyCredentials, type ProxyRoute, type RoutePicker } from '../providers/http/proxy-route.js';

export interface ProxyPickerOptions {
  setting: () => ProxySetting;
  /** The proxy's password from the vault, read at each request (so a change applies at once). */
  password: () => string | undefined;
  /** The host's own idea of the proxy ("system"). */
  system: RoutePicker;
}

/** Electron's session.resolveProxy, as a route picker. */
export function pacPicker(resolveProxy: (url: string) => Promise<string>): RoutePicker {
  return async (url) => routeFromPac(await resolveProxy(url.href), url);
}

function credentialsOf(setting: ProxySetting, password: string | undefined): ProxyCredentials | undefined {
  return setting.username === '' ? undefined : { username: setting.username, password: password ?? '' };
}

export function createProxyPicker(options: ProxyPickerOptions): RoutePicker {
  return async (url): Promise<ProxyRoute> => {
    const setting = options.setting();
    if (setting.mode === 'none') return DIRECT;
    const credentials = credentialsOf(setting, options.password());
    if (setting.mode === 'manual') {
      if (isBypassed(setting.bypass, url) || setting.port === null) return DIRECT;
      const proxyUrl = new URL(`http://${setting.host}:${setting.port}`);
      return { kind: 'proxy', proxy: { url: proxyUrl, source: phrase('errors:proxy.source.settings'), ...(credentials ? { whenAsked: credentials } : {}) } };
    }
    const route = await options.system(url);
    return credentials ? offeringCredentials(route, credentials, credentialsProxyOrigin(setting.credentialsProxy)) : route;
  };
}
