// The proxy setting as it is stored and crosses the contract (its password never does: it lives in the vault).
// Parsed by main for every update and by the Settings form before it sends one, so both say the same words.
import { z } from 'zod';
import { phrase } from './i18n/phrase.js';
import { fieldError, fieldMessage } from './validation-messages.js';

export const PROXY_MODES = ['system', 'none', 'manual'] as const;
export type ProxyMode = (typeof PROXY_MODES)[number];

/** The vault entry of the proxy's password. */
export const PROXY_PASSWORD_KEY = 'proxy:password';

// A host name, an IPv4 address or a bracketed IPv6 address: no scheme, no port, no path, no user-info.
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])$/;
// One bypass entry: "*", a host or domain (".example.com", "*.example.com"), an IP, a range (10.0.0.0/8), a ":port".
const BYPASS_ENTRY = /^(?:\*|\*?\.?[A-Za-z0-9_.-]+(?::\d{1,5})?|\[?[0-9A-Fa-f:.]+\]?(?:\/\d{1,3})?|\[[0-9A-Fa-f:.]+\]:\d{1,5})$/;

/**
 * The proxy the user name and password are for with the system's proxy, as scheme://host:port ("" when none is
 * named): its URL origin, which a route's proxy must match exactly (an http:// and an https:// proxy on one host and
 * port are two proxies: one reads the header in clear). Undefined when the text is not one.
 */
export function credentialsProxyOrigin(text: string): string | undefined {
  const match = /^(https?):\/\/([^/?#@\s]+):(\d{1,5})\/?$/i.exec(text.trim());
  if (!match?.[1] || !match[2] || !match[3] || !HOST.test(match[2]) || Number(match[3]) < 1 || Number(match[3]) > 65535) return undefined;
  try {
    return new URL(`${match[1].toLowerCase()}://${match[2]}:${match[3]}`).origin;
  } catch {
    return undefined;
  }
}

/** The entries of a bypass list (commas or spaces between them), as NO_PROXY writes them. */
export function bypassEntries(list: string): string[] {
  return list.split(/[\s,]+/).filter((entry) => entry !== '');
}

export const proxySettingSchema = z
  .object({
    /** system: the OS's proxy in the desktop app, HTTPS_PROXY / HTTP_PROXY / NO_PROXY elsewhere; none: direct. */
    mode: z.enum(PROXY_MODES, fieldError(phrase('errors:settings.proxy.mode'))),
    host: z
      .string()
      .trim()
      .max(253, fieldError(phrase('errors:settings.proxy.hostLong')))
      .refine((host) => host === '' || HOST.test(host), fieldError(phrase('errors:settings.proxy.hostShape'))),
    port: z
      .number(fieldError(phrase('errors:settings.proxy.portNumber')))
      .int(fieldError(phrase('errors:settings.proxy.portWhole')))
      .min(1, fieldError(phrase('errors:settings.proxy.portRange')))
      .max(65535, fieldError(phrase('errors:settings.proxy.portRange')))
      .nullable(),
    /** Sent with the password (kept in the vault) as Proxy-Authorization: Basic; empty: no credentials. */
    username: z
      .string()
      .max(256, fieldError(phrase('errors:settings.proxy.userLong')))
      .refine((name) => !/[:\r\n\0]/.test(name), fieldError(phrase('errors:settings.proxy.userShape'))),
    /**
     * With the system's proxy, the one proxy (scheme://host:port) the user name and password go to, and only when it
     * asks: a PAC script may name any proxy, so they are never offered to another. "": none named, so they go
     * nowhere (a settings file from before this field). The manual proxy needs none: the credentials are its.
     */
    credentialsProxy: z
      .string()
      .trim()
      .max(300, fieldError(phrase('errors:settings.proxy.credentialsProxyShape')))
      .refine((text) => text === '' || credentialsProxyOrigin(text) !== undefined, fieldError(phrase('errors:settings.proxy.credentialsProxyShape')))
      .default(''),
    /** Hosts reached directly, as NO_PROXY lists them. */
    bypass: z
      .string()
      .max(2000, fieldError(phrase('errors:settings.proxy.bypassLong')))
      .refine(
        (list) => bypassEntries(list).every((entry) => BYPASS_ENTRY.test(entry)),
        fieldError(phrase('errors:settings.proxy.bypassShape')),
      ),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.mode !== 'manual') return;
    if (value.host === '') ctx.addIssue({ code: 'custom', path: ['host'], message: fieldMessage(phrase('errors:settings.proxy.hostNeeded')) });
    if (value.port === null) ctx.addIssue({ code: 'custom', path: ['port'], message: fieldMessage(phrase('errors:settings.proxy.portNeeded')) });
  });
export type ProxySetting = z.infer<typeof proxySettingSchema>;

export const DEFAULT_PROXY_SETTING: ProxySetting = { mode: 'system', host: '', port: null, username: '', credentialsProxy: '', bypass: '' };

/** What the window may know of the proxy's password: whether one is saved, never the value. */
export interface ProxyPasswordStatus {
  passwordSaved: boolean;
}
