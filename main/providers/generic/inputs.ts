// What a caller hands the generic upload client, checked where it arrives.
import { z } from 'zod';
import { GENERIC_AUTH_PASSWORD_KEYS, type GenericAuthPasswordKey } from '../../common/accounts.js';
import { AppError } from '../../common/errors.js';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import { issuePhrase } from '../../common/validation-messages.js';
import { genericSettingsInputSchema, type GenericSettingsInput } from './service-config.js';

export interface GenericConnection {
  settings: GenericSettingsInput;
  /** The account scope for %account[KEY]%, secrets included. */
  account: Record<string, string>;
  /** Which account keys are secret, e.g. ['password']. */
  secretKeys: string[];
  globals?: Record<string, string>;
  /** The account allows secrets over plain http to a host other than this machine. */
  allowInsecure?: boolean;
  /** PEM certificate(s) trusted for this account only. */
  ca?: string;
  /** The services' HTTP authentication passwords (templates), from the vault. */
  authPasswords?: Partial<Record<GenericAuthPasswordKey, string>>;
}

export interface GenericUploadRequest {
  file: { path: string; name: string; size: number; contentType: 'image/jpeg' | 'video/mp4' };
  recipients: string[];
  description: string;
  /** A frame of the video as JPEG, for the reference send's preview (plain Node cannot decode video). */
  previewJpeg?: Uint8Array;
}

/** 'waiting': the whole file is sent and the server is storing it before it answers. */
export type UploadPhase = 'precheck' | 'uploading' | 'waiting' | 'reference';

export interface GenericUploadOptions {
  signal?: AbortSignal;
  onProgress?: (sentBytes: number, totalBytes: number) => void;
  onPhase?: (phase: UploadPhase) => void;
  /** Idle timeout of each request (no byte moved for this long). */
  timeoutMs?: number;
  /** How long the server may take to answer once the whole file is sent (default: the transport's, 5 minutes). */
  answerTimeoutMs?: number;
}

const noControlCharacters = (value: string): boolean => !/[\x00-\x1f\x7f]/.test(value);

const connectionSchema = z.object({
  settings: genericSettingsInputSchema,
  account: z.record(z.string().max(256), z.string().max(65_536)),
  secretKeys: z.array(z.string().max(256)).max(256),
  globals: z.record(z.string().max(256), z.string().max(65_536)).optional(),
  allowInsecure: z.boolean().optional(),
  ca: z.string().max(1_048_576).optional(),
  authPasswords: z.partialRecord(z.enum(GENERIC_AUTH_PASSWORD_KEYS), z.string().max(4096)).optional(),
});

const MAX_PREVIEW_FRAME_BYTES = 16 * 1024 * 1024;

const requestSchema = z.object({
  file: z.object({
    path: z.string().min(1).max(4096),
    name: z.string().min(1).max(255).refine(noControlCharacters, 'The file name has control characters.'),
    size: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    contentType: z.enum(['image/jpeg', 'video/mp4']),
  }),
  recipients: z
    .array(z.string().trim().min(1, 'A recipient is empty.').max(256).refine(noControlCharacters, 'A recipient has control characters.'))
    .max(1000),
  description: z.string().max(10_000),
  previewJpeg: z
    .instanceof(Uint8Array)
    .refine((bytes) => bytes.length <= MAX_PREVIEW_FRAME_BYTES, 'The preview frame is too large.')
    .refine((bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff, 'The preview frame is not a JPEG.')
    .optional(),
});

const isFunction = (value: unknown): boolean => typeof value === 'function';

const optionsSchema = z.object({
  signal: z.instanceof(AbortSignal).optional(),
  onProgress: z.custom<(sentBytes: number, totalBytes: number) => void>(isFunction, 'onProgress must be a function.').optional(),
  onPhase: z.custom<(phase: UploadPhase) => void>(isFunction, 'onPhase must be a function.').optional(),
  timeoutMs: z.number().int().positive().max(24 * 3600 * 1000).optional(),
  answerTimeoutMs: z.number().int().positive().max(24 * 3600 * 1000).optional(),
});

export type CheckedConnection = z.infer<typeof connectionSchema>;
export type CheckedRequest = z.infer<typeof requestSchema>;
export type CheckedOptions = z.infer<typeof optionsSchema>;

function parse<T>(schema: z.ZodType<T>, value: unknown, what: Phrase): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  const reason = issue ? issuePhrase(issue) : phrase('errors:generic.unknownProblem');
  throw new AppError('validation', field ? phrase('errors:generic.inputInvalidAt', { what, field, reason }) : phrase('errors:generic.inputInvalid', { what, reason }), field ? { field } : undefined);
}

export function checkInputs(
  connection: unknown,
  request: unknown,
  options: unknown,
): { connection: CheckedConnection; request: CheckedRequest; options: CheckedOptions } {
  return {
    connection: parse(connectionSchema, connection, phrase('errors:generic.input.connection')),
    request: parse(requestSchema, request, phrase('errors:generic.input.request')),
    options: parse(optionsSchema, options ?? {}, phrase('errors:generic.input.options')),

  };
}
