// Which proxy the CLI's requests take. The CLI uses the app's accounts and data folder, so an admin's manual proxy in
// Settings → Network is its proxy too, with the user name from Settings and the password from the vault, given by
// the app's own picker (main/app/proxy.ts), so it goes where the app sends it and nowhere else (the binding in
// main/common/secret-binding.ts drops a password saved for another proxy). Otherwise the environment, as curl reads
// it. --proxy-from chooses: `settings` follows the setting whatever it is (none: direct; system: the environment,
// as the browser host does), `env` ignores it.
import { AppError } from '../common/errors.js';
import { phrase } from '../common/i18n/phrase.js';
import { PROXY_PASSWORD_KEY } from '../common/proxy.js';
import { createProxyPicker } from '../app/proxy.js';
import { proxyFromEnv } from '../providers/http/proxy-env.js';
import type { RoutePicker } from '../providers/http/proxy-route.js';
import type { AppData } from './app-data.js';

export const PROXY_SOURCES = ['settings', 'env'] as const;
export type ProxySource = (typeof PROXY_SOURCES)[number];

export function isProxySource(value: unknown): value is ProxySource {
  return PROXY_SOURCES.some((source) => source === value);
}

export interface CliProxyOptions {
  /** --proxy-from; undefined: Settings when it names a manual proxy, else the environment. */
  from: ProxySource | undefined;
  env: Record<string, string | undefined>;
  /** The data folder, opened only when a request asks for its route. */
  appData: () => Promise<AppData>;
}

export function cliRoutePicker(options: CliProxyOptions): RoutePicker {
  const fromEnv = proxyFromEnv(options.env);
  if (options.from === 'env') return fromEnv;
  return async (url) => {
    const data = await options.appData();
    const setting = data.proxy;
    if (options.from === undefined && setting.mode !== 'manual') return fromEnv(url);
    const picker = createProxyPicker({ setting: () => setting, password: () => data.vault.get(PROXY_PASSWORD_KEY), system: fromEnv });
    const route = await picker(url);
    // A password the desktop app sealed in the OS keychain cannot be opened here: say so rather than send none.
    if (route.kind === 'proxy' && setting.username !== '' && data.unreadable.includes(PROXY_PASSWORD_KEY) && route.proxy.whenAsked?.username === setting.username) {
      throw new AppError('config', phrase('cli:proxy.passwordSealed', { username: setting.username, because: phrase(data.sealedBecause) }));
    }
    return route;
  };
}
