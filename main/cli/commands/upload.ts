// `upload`: JPEG photos and MP4 videos through a generic media upload account, as the app's upload view does.
// Every file is checked by its bytes before anything is sent, so a batch with a wrong file sends nothing.
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { checkMediaFile, type CheckedMedia } from '../../core/media/check.js';
import { connectionNeedsRecipients, uploadGenericMedia, type GenericUploadResult } from '../../providers/generic/client.js';
import { parseWith, UsageError } from '../argv.js';
import { defineCommand, firstFailure } from '../command.js';
import { genericConnectionFor } from '../../app/connections.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { argsOf, itemFailure, type ItemFailure } from './shared.js';

const CONTROL = /[\u0000-\u001f\u007f]/;

const schema = z.object({
  positionals: z.array(z.string().min(1, 'A FILE argument is empty.')).min(1, 'Give at least one FILE to upload.'),
  to: z
    .array(z.string().trim().min(1, '--to needs a recipient.').refine((v) => !CONTROL.test(v), '--to must not contain control characters.'))
    .default([]),
  description: z.string().max(10_000, '--description is longer than 10,000 characters.').default(''),
});

type UploadItem = { file: string } & ({ ok: true; mediaUrl: string; contentType: string; size: number; referenceSends: GenericUploadResult['referenceSends'] } | ({ ok: false } & ItemFailure));

export const upload = defineCommand({
  words: ['upload'],
  summary: 'Upload JPEG and MP4 files through a media upload account',
  usage: '[--account NAME] [--to N]... [--description TEXT] FILE...',
  description: [
    'Checks every FILE by its bytes first (a JPEG image or an MP4 video, whatever its name): if one is refused,',
    'nothing is sent (exit 4). Then uploads each file and prints its media_url, one line per file, in order.',
    'A file the server refuses is reported on stderr and the others are still sent; the exit code is then 3.',
    'A reference send that fails for a recipient is reported on stderr and makes the exit code 3 as well.',
    'JSON: {"account": {id, label}, "results": [{file, ok, mediaUrl, contentType, size, referenceSends} or {file, ok: false, error}]}.',
  ],
  account: 'generic',
  options: {
    to: { type: 'string', multiple: true, value: 'N', help: 'a recipient (repeat for several); required when the account\'s templates send %sms_to%' },
    description: { type: 'string', value: 'TEXT', help: 'the description sent with each file' },
  },
  parse: (line) => parseWith(schema, argsOf(line)),
  async run(ctx, args) {
    const account = await ctx.account('generic');
    // The templates decide whether recipients are needed; the placeholder password only lets them compile.
    if (args.to.length === 0 && connectionNeedsRecipients(genericConnectionFor(account.config, 'placeholder'))) {
      throw new UsageError(`"${account.label}" sends each upload to recipients: give at least one with --to.`);
    }
    const files: Array<{ path: string; name: string; media: CheckedMedia }> = [];
    const refused: AppError[] = [];
    for (const given of args.positionals) {
      const full = ctx.resolvePath(given);
      try {
        files.push({ path: full, name: path.basename(full), media: await checkMediaFile(full, given) });
      } catch (err) {
        refused.push(err instanceof AppError ? err : new AppError('io', `Could not read "${given}".`));
      }
    }
    if (refused.length === 1) throw new AppError(refused[0]!.code, `${refused[0]!.message} Nothing was uploaded.`);
    if (refused.length > 1) {
      // One line per refused file, then the one error line every failure ends with.
      for (const error of refused) ctx.out.warn(error.message);
      throw new AppError(refused[0]!.code, `${refused.length} of ${args.positionals.length} files were refused. Nothing was uploaded.`);
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
        for (const send of failedSends) ctx.out.warn(`${file.name}: the reference send to ${send.recipient} failed: ${send.message ?? 'unknown reason'}`);
        codes.push(failedSends.length > 0 ? EXIT.remote : undefined);
        results.push({ file: file.path, ok: true, mediaUrl: result.mediaUrl, contentType: file.media.contentType, size: file.media.size, referenceSends: result.referenceSends });
      } catch (err) {
        progress.end();
        const failure = itemFailure(err);
        ctx.out.warn(`${file.name}: ${failure.error.message}`);
        codes.push(failure.exitCode);
        results.push({ file: file.path, ok: false, ...failure });
      }
    }
    const exit = ctx.signal.aborted ? EXIT.cancelled : firstFailure(codes);
    return { json: { account: { id: account.id, label: account.label }, results }, ...(exit !== undefined ? { exit } : {}) };
  },
});
