// A saved secret belongs to where it was meant to go, as a browser's password manager binds a password to its
// origin: when an account's destination changes (scheme, host, port, base URL, domain, the URL templates and the
// variables they use, which of a generic account's services carry its password and every template of those,
// allowInsecure, a trusted certificate) the saved secret is dropped unless a new one comes with the change. Otherwise anyone who can edit the
// account (a page in the browser host) could send it elsewhere.
// Pure: the account form uses it to warn before saving.
import type { AccountConfig, GenericAuthPasswordKey, GenericSettingKey } from './accounts.js';
import { credentialsProxyOrigin, type ProxySetting } from './proxy.js';

/** A generic account's three services: the URL a request goes to, and every template that can put a value in it. */
const GENERIC_SERVICES: ReadonlyArray<{ url: GenericSettingKey; templates: readonly GenericSettingKey[]; authPassword: GenericAuthPasswordKey }> = [
  {
    url: 'genericMediaUploadUrl',
    templates: ['genericMediaUploadMethod', 'genericMediaUploadMultipartData', 'genericMediaUploadCustomHeaders', 'genericMediaUploadAuthUsername'],
    authPassword: 'genericMediaUploadAuthPassword',
  },
  {
    url: 'genericMediaUploadPrecheckUrl',
    templates: ['genericMediaUploadPrecheckMethod', 'genericMediaUploadPrecheckPostData', 'genericMediaUploadPrecheckAuthUsername'],
    authPassword: 'genericMediaUploadPrecheckAuthPassword',
  },
  {
    url: 'genericMediaRefSendUrl',
    templates: ['genericMediaRefSendMethod', 'genericMediaRefSendPostData', 'genericMediaRefSendCustomHeaders', 'genericMediaRefSendAuthUsername'],
    authPassword: 'genericMediaRefSendAuthPassword',
  },
];

/** The services' …AuthPassword templates (secrets: main reads them from the vault, the form has the typed ones). */
export type AuthPasswordTemplates = Partial<Record<GenericAuthPasswordKey, string>>;

/** The …AuthPassword templates once a change is made: the typed ones over the saved ones (null or '' removes one). */
export function authPasswordsAfter(saved: AuthPasswordTemplates, typed: Partial<Record<GenericAuthPasswordKey, string | null>> = {}): AuthPasswordTemplates {
  const after: AuthPasswordTemplates = { ...saved };
  for (const [name, value] of Object.entries(typed) as Array<[GenericAuthPasswordKey, string | null | undefined]>) {
    if (value === null || value === '') delete after[name];
    else if (value !== undefined) after[name] = value;
  }
  return after;
}

/**
 * Whether a template may put the account's password in a request (%account[password]%, also inside %sha1(…)%).
 * Read on the text, more widely than the template engine would: a false "yes" only asks for the password again.
 */
function mayCarryPassword(template: string | undefined): boolean {
  return template !== undefined && template.toLowerCase().includes('[password]');
}

/** The server part of a URL, normalised ("https://h:443/base/"); the text itself when it is not a URL. */
function normalisedBase(raw: string): string {
  try {
    const url = new URL(raw.trim());
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return raw.trim();
  }
}

/** The account keys a template names (%account[KEY]%), read on the text as mayCarryPassword does. */
function accountKeysIn(templates: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const template of templates) for (const match of template.matchAll(/\[([^\]]*)\]/g)) keys.add(match[1] ?? '');
  return keys;
}

/**
 * Everything that decides where an account's secret is sent, and in what shape, as one comparable value. A generic
 * account's password goes only to the services whose templates (or …AuthPassword) name it: a service that starts
 * naming it is a new destination, like a new URL, even when its own URL did not change. Inside such a service every
 * template counts (method, body, headers, the auth user name and password), with the account values they use: moved
 * into a field the server quotes back, or salted inside %sha1(…)%, the password would come back to whoever edited it.
 */
export function secretDestination(config: AccountConfig, authPasswords: AuthPasswordTemplates = {}): string {
  const common = [config.kind, config.allowInsecure === true, config.trustedCertificate ?? ''];
  switch (config.kind) {
    case 'library':
      return JSON.stringify([...common, normalisedBase(config.serverUrl), config.domain.trim()]);
    case 'twilio':
      return JSON.stringify([...common, normalisedBase(config.baseUrl)]);
    case 'generic': {
      const urls = GENERIC_SERVICES.map((service) => config.settings[service.url] ?? '');
      const shapes = GENERIC_SERVICES.map((service) => {
        const templates = [config.settings[service.url], ...service.templates.map((key) => config.settings[key]), authPasswords[service.authPassword]];
        return templates.some(mayCarryPassword) ? templates.map((t) => t ?? '') : false;
      });
      // A URL, or a carrying service's template, may be built from account values (%account[host]%): those take part too.
      const keys = accountKeysIn([...urls, ...shapes.flatMap((shape) => shape || [])]);
      // As the %account[KEY]% scope is built (main/app/connections.ts): variables, then settings, then the user name.
      const values: Record<string, string> = { ...config.variables };
      for (const [key, value] of Object.entries(config.settings)) if (typeof value === 'string') values[key] = value;
      values.username = config.username;
      const used = [...keys]
        .filter((name) => Object.hasOwn(values, name) && name !== 'password')
        .sort()
        .map((name) => [name, values[name]]);
      return JSON.stringify([...common, urls, shapes, used]);
    }
  }
}

/**
 * True when saving `next` over `previous` would send the saved secret somewhere else. `authPasswords`: the generic
 * services' …AuthPassword templates before (as saved) and after (as they will be saved) the change, where known.
 */
export function secretDestinationChanged(
  previous: AccountConfig,
  next: AccountConfig,
  authPasswords: { previous?: AuthPasswordTemplates; next?: AuthPasswordTemplates } = {},
): boolean {
  return secretDestination(previous, authPasswords.previous) !== secretDestination(next, authPasswords.next);
}

/**
 * The proxy password is bound the same way, to the proxy it was saved for: the manual one (host, port, user name),
 * or with the system's proxy the one named for it (credentialsProxy, user name); a change of any of them drops it.
 * Manual or system counts because the host and port stay in the setting when "system" is chosen, and the system's
 * proxy is another server. Naming the system's proxy where none was named (a settings file from before the field,
 * whose password went to whichever system proxy asked) is a change too: the password is entered again for it.
 * "none" sends it nowhere and keeps what it was bound to (the manual proxy its host still names, else the system's),
 * so that turning the proxy off and on again keeps it. Only a password that has gone nowhere yet (no host, no user
 * name, no proxy named) binds to the first proxy named.
 */
export function proxyDestinationChanged(previous: ProxySetting, next: ProxySetting): boolean {
  const boundMode = (p: ProxySetting) => (p.mode === 'none' ? (p.host.trim() === '' ? 'system' : 'manual') : p.mode);
  const destination = (p: ProxySetting) =>
    JSON.stringify(boundMode(p) === 'manual' ? ['manual', p.host.trim().toLowerCase(), p.port, p.username] : ['system', credentialsProxyOrigin(p.credentialsProxy) ?? '', p.username]);
  const unbound = previous.host.trim() === '' && previous.username === '' && previous.credentialsProxy.trim() === '';
  return !unbound && destination(previous) !== destination(next);
}
