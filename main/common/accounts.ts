// Account shapes as they cross the contract and as they are stored (never with secrets: those live in the vault).
import { z } from 'zod';
import { phrase, type Phrase } from './i18n/phrase.js';
import { fieldError, fieldMessage } from './validation-messages.js';

export const ACCOUNT_KINDS = ['generic', 'library', 'twilio'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

const text = (max: number) => z.string().max(max);
/** `what` is required: said so in words whether the value is missing or blank. */
// The messages are shown next to the form's fields: said through fieldMessage, so that the window can say them in the
// reader's language (issuePhrase).
const required = (what: Phrase) =>
  z.string({ error: (issue) => (issue.input === undefined ? fieldMessage(phrase('errors:accounts.field.required', { what })) : fieldMessage(phrase('errors:accounts.field.text', { what }))) });
const nonEmpty = (max: number, what: Phrase) =>
  required(what)
    .trim()
    .min(1, fieldError(phrase('errors:accounts.field.required', { what })))
    .max(max, fieldError(phrase('errors:accounts.field.long', { what, max })));

export const httpUrl = z
  .string(fieldError(phrase('errors:accounts.field.httpUrl')))
  .trim()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, fieldError(phrase('errors:accounts.field.httpUrl')));

/** The vendor's own key names, so an admin can paste what the provider gave him. */
export const GENERIC_SETTING_KEYS = [
  'genericMediaUploadUrl',
  'genericMediaUploadMethod',
  'genericMediaUploadMultipartData',
  'genericMediaUploadCustomHeaders',
  'genericMediaUploadAuthUsername',
  'genericMediaUploadPrecheckUrl',
  'genericMediaUploadPrecheckMethod',
  'genericMediaUploadPrecheckPostData',
  'genericMediaUploadPrecheckAuthUsername',
  'genericMediaRefSendUrl',
  'genericMediaRefSendMethod',
  'genericMediaRefSendPostData',
  'genericMediaRefSendCustomHeaders',
  'genericMediaRefSendAuthUsername',
] as const;
export type GenericSettingKey = (typeof GENERIC_SETTING_KEYS)[number];

/**
 * The HTTP authentication passwords of the three services (the vendor's prefix + AuthPassword). They are secrets:
 * kept in the vault beside the account's password, never in the configuration.
 */
export const GENERIC_AUTH_PASSWORD_KEYS = ['genericMediaUploadAuthPassword', 'genericMediaUploadPrecheckAuthPassword', 'genericMediaRefSendAuthPassword'] as const;
export type GenericAuthPasswordKey = (typeof GENERIC_AUTH_PASSWORD_KEYS)[number];

/** Each service's user-name setting and the password that goes with it. */
export const GENERIC_AUTH_PAIRS: ReadonlyArray<{ username: GenericSettingKey; password: GenericAuthPasswordKey }> = [
  { username: 'genericMediaUploadAuthUsername', password: 'genericMediaUploadAuthPassword' },
  { username: 'genericMediaUploadPrecheckAuthUsername', password: 'genericMediaUploadPrecheckAuthPassword' },
  { username: 'genericMediaRefSendAuthUsername', password: 'genericMediaRefSendAuthPassword' },
];

/**
 * A URL template's scheme: http or https, then a server name, as main checks when it compiles the templates
 * (main/providers/generic/service-config.ts). A template that starts with a variable is left to that check.
 */
function urlTemplateProblem(template: string): string | undefined {
  const value = template.trim();
  if (value === '' || value.startsWith('%')) return undefined;
  if (/^https?:\/\/[^/?#\s]/i.test(value)) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  if (scheme && !/^https?$/i.test(scheme)) return fieldMessage(phrase('errors:accounts.field.urlScheme', { scheme: scheme.slice(0, 20) }));
  return fieldMessage(phrase('errors:accounts.field.urlHost'));
}
const urlTemplate = (schema: z.ZodString) =>
  schema.superRefine((value, ctx) => {
    const problem = urlTemplateProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const genericSettingsSchema = z.object({
  genericMediaUploadUrl: urlTemplate(nonEmpty(4096, phrase('errors:accounts.field.uploadUrl'))),
  genericMediaUploadMethod: z.string().trim().max(8).optional(),
  genericMediaUploadMultipartData: nonEmpty(8192, phrase('errors:accounts.field.multipartData')),
  genericMediaUploadCustomHeaders: text(8192).optional(),
  genericMediaUploadAuthUsername: text(1024).optional(),
  genericMediaUploadPrecheckUrl: urlTemplate(text(4096)).optional(),
  genericMediaUploadPrecheckMethod: text(8).optional(),
  genericMediaUploadPrecheckPostData: text(8192).optional(),
  genericMediaUploadPrecheckAuthUsername: text(1024).optional(),
  genericMediaRefSendUrl: urlTemplate(text(4096)).optional(),
  genericMediaRefSendMethod: text(8).optional(),
  genericMediaRefSendPostData: text(65536).optional(),
  genericMediaRefSendCustomHeaders: text(8192).optional(),
  genericMediaRefSendAuthUsername: text(1024).optional(),
});
export type GenericSettings = z.infer<typeof genericSettingsSchema>;

const variableName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, 'Variable names use letters, digits, _ . -');

const common = {
  label: nonEmpty(80, phrase('errors:accounts.field.name')),
  /**
   * Main's mark on the embedded sandbox's accounts (labelled so in the UI, refreshed from the sandbox at each start).
   * Read-only: the account store ignores it in what it is given and keeps its own (core/accounts/sandbox-mark.ts).
   */
  sandbox: z.boolean().optional(),
  allowInsecure: z.boolean().optional(),
  /** PEM of a self-signed server certificate trusted for this account only. */
  trustedCertificate: text(65536).optional(),
};

export const genericConfigSchema = z.object({
  kind: z.literal('generic'),
  ...common,
  settings: genericSettingsSchema,
  username: text(256),
  /** Non-secret account variables for %account[KEY]% templates. */
  variables: z.record(variableName, text(4096)).default({}),
  /** How long the server may take to answer once a whole file is sent (storing, transcoding); default 5 minutes. */
  answerTimeoutSeconds: z.number().int().min(10).max(3600).optional(),
});

export const libraryConfigSchema = z.object({
  kind: z.literal('library'),
  ...common,
  serverUrl: httpUrl,
  domain: nonEmpty(255, phrase('errors:accounts.field.domain')),
  userId: nonEmpty(255, phrase('errors:accounts.field.userId')),
  appId: nonEmpty(255, phrase('errors:accounts.field.appId')),
});

export const TWILIO_DEFAULT_BASE_URL = 'https://api.twilio.com';
const sid = (prefix: string, what: Phrase) =>
  required(what)
    .trim()
    .regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), fieldError(phrase('errors:accounts.field.sidShape', { what, prefix })));

export const twilioConfigSchema = z
  .object({
    kind: z.literal('twilio'),
    ...common,
    baseUrl: httpUrl.default(TWILIO_DEFAULT_BASE_URL),
    accountSid: sid('AC', phrase('errors:accounts.field.accountSid')),
    authMode: z.enum(['authToken', 'apiKey']),
    apiKeySid: sid('SK', phrase('errors:accounts.field.apiKeySid')).optional(),
  })
  .refine((c) => c.authMode !== 'apiKey' || c.apiKeySid !== undefined, {
    ...fieldError(phrase('errors:accounts.field.apiKeySidRequired')),
    path: ['apiKeySid'],
  });

export const accountConfigSchema = z.discriminatedUnion('kind', [genericConfigSchema, libraryConfigSchema, twilioConfigSchema]);
export type AccountConfig = z.infer<typeof accountConfigSchema>;
export type GenericAccountConfig = z.infer<typeof genericConfigSchema>;
export type LibraryAccountConfig = z.infer<typeof libraryConfigSchema>;
export type TwilioAccountConfig = z.infer<typeof twilioConfigSchema>;

/** The one secret each kind has: its name in the vault and in the form. */
export const SECRET_NAME: Record<AccountKind, string> = {
  generic: 'password',
  library: 'password',
  twilio: 'secret', // the Auth Token, or the API key's secret
};

export const accountIdSchema = z.string().regex(/^acc_[a-z0-9]{8,32}$/, fieldError(phrase('errors:accounts.field.notAccountId')));

/** What the renderer sees of an account: the configuration and whether its secret is set, never the secret. */
export type AccountSummary = AccountConfig & {
  id: string;
  secretSet: boolean;
  /** Generic accounts: which HTTP authentication passwords are saved (never their values). */
  authSecretsSet?: GenericAuthPasswordKey[];
  createdAt: string;
  updatedAt: string;
};

/**
 * The one rule by which two account names are the same: whatever their case, their Unicode form (the full-width
 * letters of a Japanese input method) or the spaces around them. The command line's `--account` finds accounts by it,
 * and main gives an account it makes a name no other account has by it.
 */
export function accountLabelKey(label: string): string {
  return label.normalize('NFKC').trim().toLowerCase();
}
