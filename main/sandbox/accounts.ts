// sandbox-accounts.json: the connection settings of the sandbox's demo accounts, which the app reads (validating
// it with sandboxAccountsSchema) to create its three default accounts. Rewritten at every start, because the
// port, and so every URL, may change; the credentials come from the data dir's secrets and stay the same.
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './http/atomic-file.js';
import { APPLICATION_ID_HEADER } from './library/auth.js';
import { NO_CREDIT_RECIPIENT } from './generic/store.js';
import type { SandboxSecrets } from './secrets.js';

export const ACCOUNTS_FILE = 'sandbox-accounts.json';

const genericSettingsSchema = z.object({
  genericMediaUploadUrl: z.string(),
  genericMediaUploadMethod: z.string(),
  genericMediaUploadMultipartData: z.string(),
  genericMediaUploadCustomHeaders: z.string(),
  genericMediaUploadPrecheckUrl: z.string(),
  genericMediaUploadPrecheckMethod: z.string(),
  genericMediaUploadPrecheckPostData: z.string(),
  genericMediaRefSendUrl: z.string(),
  genericMediaRefSendMethod: z.string(),
  genericMediaRefSendPostData: z.string(),
  genericMediaRefSendCustomHeaders: z.string(),
});

const httpUrl = z.string().regex(/^http:\/\/127\.0\.0\.1:\d{1,5}$/, 'an http://127.0.0.1:PORT origin');

export const sandboxAccountsSchema = z.object({
  version: z.literal(1),
  /** The sandbox's main origin, http://127.0.0.1:PORT. */
  baseUrl: httpUrl,
  generic: z.object({
    label: z.string(),
    /** The vendor's account keys; values are templates in the vendor's language (%account[username]%, %sms_to%…). */
    settings: genericSettingsSchema,
    username: z.string(),
    password: z.string(),
    /** Further account variables for %account[…]% (none needed by the demo templates). */
    variables: z.record(z.string(), z.string()),
    /** How the sandbox judges uploads, so "too large" and "not enough credit" can be provoked on purpose. */
    limits: z.object({
      maxUploadBytes: z.number().int().positive(),
      /** Credit left when the sandbox started; each upload spends its size. */
      creditBytes: z.number().int().nonnegative(),
      noCreditRecipient: z.string(),
      notes: z.string(),
    }),
  }),
  library: z.object({
    label: z.string(),
    /** The server; the API lives under {serverUrl}/rest/1.0. */
    serverUrl: httpUrl,
    domain: z.string(),
    userId: z.string(),
    appId: z.string(),
    password: z.string(),
    /** The request header that carries the application id (next to HTTP Basic userId:password). */
    applicationIdHeader: z.literal(APPLICATION_ID_HEADER),
    /** A second user, with a second application, so ACL effects can be seen from the other side. */
    otherUser: z.object({ userId: z.string(), appId: z.string(), password: z.string() }),
  }),
  twilio: z.object({
    label: z.string(),
    /** Replaces https://api.twilio.com. */
    baseUrl: httpUrl,
    accountSid: z.string().regex(/^AC[0-9a-f]{32}$/),
    authToken: z.string(),
    apiKeySid: z.string().regex(/^SK[0-9a-f]{32}$/),
    apiKeySecret: z.string(),
  }),
});
export type SandboxAccounts = z.infer<typeof sandboxAccountsSchema>;

export interface GenericLimitsInfo {
  maxUploadBytes: number;
  creditBytes: number;
}

export function buildAccounts(baseUrl: string, secrets: SandboxSecrets, limits: GenericLimitsInfo): SandboxAccounts {
  const creds = 'user=%account[username]%&pass=%account[password]%';
  return {
    version: 1,
    baseUrl,
    generic: {
      label: 'Sandbox upload',
      settings: {
        genericMediaUploadUrl: `${baseUrl}/generic/upload`,
        genericMediaUploadMethod: 'POST',
        genericMediaUploadMultipartData: `${creds}&to=%sms_to%&description=%description%&media=%media_content%`,
        genericMediaUploadCustomHeaders: 'X-Media-Size: %media_size%',
        genericMediaUploadPrecheckUrl: `${baseUrl}/generic/precheck?${creds}&to=%sms_to%&size=%media_size%&type=%content_type%`,
        genericMediaUploadPrecheckMethod: 'GET',
        genericMediaUploadPrecheckPostData: '',
        genericMediaRefSendUrl: `${baseUrl}/generic/send`,
        genericMediaRefSendMethod: 'POST',
        genericMediaRefSendPostData:
          `${creds}&to=%sms_to%&media_url=%media_url%&media_type=%media_content_type%&description=%description%` +
          '&preview=%preview_content%&preview_type=%preview_content_type%&preview_width=%preview_width%&preview_height=%preview_height%',
        genericMediaRefSendCustomHeaders: 'Accept: application/json',
      },
      username: secrets.generic.username,
      password: secrets.generic.password,
      variables: {},
      limits: {
        maxUploadBytes: limits.maxUploadBytes,
        creditBytes: limits.creditBytes,
        noCreditRecipient: NO_CREDIT_RECIPIENT,
        notes:
          `Uploads over maxUploadBytes answer 413. Each upload spends its size from creditBytes; an upload or precheck ` +
          `bigger than the credit left, or any upload or precheck to ${NO_CREDIT_RECIPIENT}, answers 402 "Not enough credit".`,
      },
    },
    library: {
      label: 'Sandbox media library',
      serverUrl: baseUrl,
      domain: secrets.library.domain,
      userId: secrets.library.user.id,
      appId: secrets.library.appId,
      password: secrets.library.user.password,
      applicationIdHeader: APPLICATION_ID_HEADER,
      otherUser: { userId: secrets.library.otherUser.id, appId: secrets.library.otherAppId, password: secrets.library.otherUser.password },
    },
    twilio: {
      label: 'Sandbox Twilio',
      baseUrl,
      accountSid: secrets.twilio.accountSid,
      authToken: secrets.twilio.authToken,
      apiKeySid: secrets.twilio.apiKeySid,
      apiKeySecret: secrets.twilio.apiKeySecret,
    },
  };
}

/** Written atomically and readable only by the owner: it holds passwords. */
export async function writeAccountsFile(dataDir: string, accounts: SandboxAccounts): Promise<string> {
  const file = path.join(dataDir, ACCOUNTS_FILE);
  await writeFileAtomic(file, `${JSON.stringify(accounts, null, 2)}\n`, 0o600);
  return file;
}
