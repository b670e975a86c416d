// The generic media upload service: check files, upload them through the transfer queue, import an account.
import { z } from 'zod';
import { accountIdSchema, GENERIC_SETTING_KEYS, type GenericAuthPasswordKey } from '../accounts.js';
import { fileRefSchema } from '../files.js';
import { recipientSchema } from '../recipients.js';
import type { AppErrorData, Words } from '../errors.js';
import type { TransferItem } from '../transfers.js';
import { method } from './define.js';

export interface CheckedFile {
  name: string;
  size: number;
  /** Set when the bytes are a JPEG or an MP4. */
  contentType?: 'image/jpeg' | 'video/mp4';
  /** Why the file is refused, naming it. */
  error?: AppErrorData;
}

export interface ImportedAccountDraft {
  settings: Partial<Record<(typeof GENERIC_SETTING_KEYS)[number], string>>;
  username?: string;
  /** The password the pasted XML carried: the user's own input, handed back to fill the form, never stored here. */
  password?: string;
  /** The services' HTTP authentication passwords the XML carried (…AuthPassword), likewise only handed back. */
  authPasswords: Partial<Record<GenericAuthPasswordKey, string>>;
  variables: Record<string, string>;
  /** What was skipped or looks wrong: English (message) and the phrase to say it in the reader's language. */
  problems: Words[];
}

export const genericMethods = {
  /** Checks files by their bytes before anything is sent. */
  'generic.checkFiles': method(z.object({ files: z.array(fileRefSchema).min(1).max(1000) }).strict()).returns<CheckedFile[]>(),
  /** Queues one upload per file; each is checked again when it runs. */
  'generic.upload': method(
    z
      .object({
        accountId: accountIdSchema,
        files: z.array(fileRefSchema).min(1).max(1000),
        recipients: z.array(recipientSchema).max(100),
        description: z.string().max(2000),
      })
      .strict(),
  ).returns<TransferItem[]>(),
  /** Reads the provider's Account XML into a draft for the account form. */
  'generic.importAccountXml': method(z.object({ xml: z.string().min(1).max(512 * 1024) }).strict()).returns<ImportedAccountDraft>(),
} as const;
