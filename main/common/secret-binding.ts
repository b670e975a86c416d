// A saved secret belongs to where it was meant to go, as a browser's password manager binds a password to its
// origin: when an account's destination changes (scheme, host, port, base URL, domain, the URL templates and the
// variables they use, allowInsecure, a trusted certificate) the saved secret is dropped unless a new one comes with
// the change. Otherwise anyone who can edit the account (a page in the browser host) could send it elsewhere.
// Pure: the account form uses it to warn before saving.
import type { AccountConfig } from './accounts.js';
import type { ProxySetting } from './proxy.js';

const GENERIC_URL_KEYS = ['genericMediaUploadUrl', 'genericMediaUploadPrecheckUrl', 'genericMediaRefSendUrl'] as const;

/** The server part of a URL, normalised ("https://h:443/base/"); the text itself when it is not a URL. */
function normalisedBase(raw: string): string {
  try {
    const url = new URL(raw.trim());
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return raw.trim();
  }
}

/** Everything that decides where an account's secret is sent, as one comparable value. */
export function secretDestination(config: AccountConfig): string {
  const common = [config.kind, config.allowInsecure === true, config.trustedCertificate ?? ''];
  switch (config.kind) {
    case 'library':
      return JSON.stringify([...common, normalisedBase(config.serverUrl), config.domain.trim()]);
    case 'twilio':
      return JSON.stringify([...common, normalisedBase(config.baseUrl)]);
    case 'generic': {
      const templates = GENERIC_URL_KEYS.map((key) => config.settings[key] ?? '');
      // A URL template may be built from account variables (%account[host]%): those take part too.
      const used = Object.keys(config.variables)
        .filter((name) => templates.some((t) => t.includes(`[${name}]`)))
        .sort()
        .map((name) => [name, config.variables[name]]);
      return JSON.stringify([...common, templates, used]);
    }
  }
}

/** True when saving `next` over `previous` would send the saved secret somewhere else. */
export function secretDestinationChanged(previous: AccountConfig, next: AccountConfig): boolean {
  return secretDestination(previous) !== secretDestination(next);
}

/**
 * The proxy password is bound the same way, to the proxy it was saved for (host, port, user name; no host: the
 * system's proxy, which gets it with the user name): a change of any of them drops it. Only a password that has gone
 * nowhere yet (neither a host nor a user name was set) binds to the first proxy named.
 */
export function proxyDestinationChanged(previous: ProxySetting, next: ProxySetting): boolean {
  const destination = (p: ProxySetting) => JSON.stringify([p.host.trim().toLowerCase(), p.port, p.username]);
  const unbound = previous.host.trim() === '' && previous.username === '';
  return !unbound && destination(previous) !== destination(next);
}
