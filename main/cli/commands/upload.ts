// `upload`: JPEG photos and MP4 videos through a generic media upload account, as the app's upload view does.
// Every file is checked by its bytes before anything is sent, so a batch with a wrong file sends nothing.
import path from 'node:path';
import { z } from 'zod';
import { AppError, sayable } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { checkMediaFile, type CheckedMedia } from '../../core/media/check.js';
import { connectionNeedsRecipients, uploadGenericMedia, type GenericUploadResult } from '../../providers/generic/client.js';
import { issue, parseWith, UsageError } from '../argv.js';
import { defineCommand, firstFailure } from '../command.js';
import { genericConnectionFor } from '../../app/connections.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { argsOf, failureLine, itemFailure, type ItemFailure } from './shared.js';

const CONTROL = /[\u0000-\u001f\u007f]/;

const schema = z.object({
  positionals: z.array(z.string().min(1, issue('cli:usage.emptyFile'))).min(1, issue('cli:upload.noFiles')),
  to: z
    .array(z.string().trim().min(1, issue('cli:upload.toEmpty')).refine((v) => !CONTROL.test(v), issue('cli:upload.toControl')))
    .default([]),
  description: z.string().max(10_000, issue('cli:upload.descriptionTooLong', { max: 10_000 })).default(''),
});

type UploadItem = { file: string } & ({ ok: true; mediaUrl: string; contentType: string; size: number; referenceSends: GenericUploadResult['referenceSends'] } | ({ ok: false } & ItemFailure));

export const upload = defineCommand({
  words: ['upload'],
  summary: 'cli:upload.summary',
  usage: '[--account NAME] [--to N]... [--description TEXT] FILE...',
  description: 'cli:upload.description',
  account: 'generic',
  options: {
    to: { type: 'string', multiple: true, value: 'N', help: 'cli:upload.option.to' },
    description: { type: 'string', value: 'TEXT', help: 'cli:upload.option.description' },
  },
  parse: (line) => parseWith(schema, argsOf(line)),
  async run(ctx, args) {
    const account = await ctx.account('generic');
    // The templates decide whether recipients are needed; the placeholder password only lets them compile.
    if (args.to.length === 0 && connectionNeedsRecipients(genericConnectionFor(account.config, 'placeholder'))) {
      throw new UsageError(phrase('cli:upload.needsRecipients', { account: account.label }));
    }
    const files: Array<{ path: string; name: string; media: CheckedMedia }> = [];
    const refused: AppError[] = [];
    for (const given of args.positionals) {
      const full = ctx.resolvePath(given);
      try {
        files.push({ path: full, name: path.basename(full), media: await checkMediaFile(full, given) });
      } catch (err) {
        refused.push(err instanceof AppError ? err : new AppError('io', phrase('cli:upload.unreadable', { file: given })));
      }
    }
    const first = refused[0];
    if (first && refused.length === 1) throw new AppError(first.code, phrase('cli:upload.refusedNothingSent', { reason: sayable(first) }));
    if (first) {
      // One line per refused file, then the one error line every failure ends with.
      for (const error of refused) ctx.out.warn(ctx.words.sayError(error));
      throw new AppError(first.code, phrase('cli:upload.someRefused', { count: refused.length, total: args.positionals.length }));
    }

    // The services' HTTP authentication passwords come from the vault only (no prompt: the user name says which).
    const connection = genericConnectionFor(account.config, await ctx.secret(account), (await ctx.appData()).accounts.authSecrets(account.id));
    const results: UploadItem[] = [];
    const codes: Array<ExitCode | undefined> = [];
    for (const file of files) {
      const progress = ctx.out.progress(file.name);
      try {
        const result = await uploadGenericMedia(
          connection,
          { file: { path: file.path, name: file.name, size: file.media.size, contentType: file.media.contentType }, recipients: args.to, description: args.description },
          { signal: ctx.signal, onProgress: (sent, total) => progress.update(sent, total) },
        );
        progress.end();
        ctx.out.line(result.mediaUrl);
        const failedSends = result.referenceSends.filter((send) => !send.ok);
        for (const send of failedSends) {
          const reason = send.message !== undefined ? ctx.words.sayError({ ...send, message: send.message }) : ctx.words.say('cli:upload.unknownReason');
          ctx.out.warn(ctx.words.say('cli:upload.referenceSendFailed', { file: file.name, recipient: send.recipient, reason }));
        }
        codes.push(failedSends.length > 0 ? EXIT.remote : undefined);
        results.push({ file: file.path, ok: true, mediaUrl: result.mediaUrl, contentType: file.media.contentType, size: file.media.size, referenceSends: result.referenceSends });
      } catch (err) {
        progress.end();
        const { appError, ...failure } = itemFailure(err);
        ctx.out.warn(failureLine(ctx, appError, file.name));
        codes.push(failure.exitCode);
        results.push({ file: file.path, ok: false, ...failure });
      }
    }
    const exit = ctx.signal.aborted ? EXIT.cancelled : firstFailure(codes);
    return { json: { account: { id: account.id, label: account.label }, results }, ...(exit !== undefined ? { exit } : {}) };
  },
});
