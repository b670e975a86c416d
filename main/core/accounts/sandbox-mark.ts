// The sandbox mark (`sandbox: true` in an account's configuration) is main's own word that the account belongs to the
// embedded sandbox: at each start main points it at the sandbox's new port with the sandbox's user and password,
// replacing what the account had. So only main sets it (the window's value is ignored), and it holds only while the
// account sends nowhere but where the sandbox was: an account moved to another server is the user's.
import { GENERIC_SETTING_KEYS, type AccountConfig } from '../../common/accounts.js';

const GENERIC_URL_SETTINGS = GENERIC_SETTING_KEYS.filter((key) => key.endsWith('Url'));

function originOf(raw: string): string | undefined {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The origins an account sends its requests to, or undefined when one cannot be told (a URL template whose server
 * is a variable): such an account may go anywhere, so it is never taken for the sandbox's.
 */
export function destinationOrigins(config: AccountConfig): string[] | undefined {
  const urls =
    config.kind === 'library'
      ? [config.serverUrl]
      : config.kind === 'twilio'
        ? [config.baseUrl]
        : GENERIC_URL_SETTINGS.map((key) => config.settings[key] ?? '').filter((url) => url.trim() !== '');
  const origins = new Set<string>();
  for (const url of urls) {
    const origin = originOf(url);
    if (origin === undefined) return undefined;
    origins.add(origin);
  }
  return [...origins];
}

/** True when every request of the account goes to an origin `isSandbox` recognises. */
export function pointsOnlyAt(config: AccountConfig, isSandbox: (origin: string) => boolean): boolean {
  const origins = destinationOrigins(config);
  return origins !== undefined && origins.length > 0 && origins.every(isSandbox);
}

/** Whether an edit keeps the mark: the account was marked and still sends nowhere but where it sent before. */
export function keepsSandboxMark(previous: AccountConfig, next: AccountConfig): boolean {
  if (previous.sandbox !== true) return false;
  const before = destinationOrigins(previous);
  return before !== undefined && pointsOnlyAt(next, (origin) => before.includes(origin));
}

/** The configuration as stored: the mark main decided, whatever `config` carried. */
export function withSandboxMark(config: AccountConfig, sandbox: boolean): AccountConfig {
  const { sandbox: _given, ...rest } = config;
  return sandbox ? { ...rest, sandbox: true } : rest;
}
