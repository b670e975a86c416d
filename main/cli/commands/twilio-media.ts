// `twilio media list|get|rm`: the media of one message.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { writeFileAtomic } from '../../core/storage/atomic.js';
import { parseWith } from '../argv.js';
import { defineCommand, type CommandContext } from '../command.js';
import { printable, table } from '../format.js';
import { argsOf, runBatch } from './shared.js';
import { mediaSid, messageSid, twilioClient } from './twilio-shared.js';

export const twilioMediaList = defineCommand({
  words: ['twilio', 'media', 'list'],
  summary: 'List the media of a message',
  usage: '[--account NAME] MESSAGE_SID',
  description: ['JSON: {"messageSid", "media": [Twilio\'s media fields, plus date_created_iso…]}.'],
  account: 'twilio',
  parse: (line) => parseWith(z.object({ positionals: z.tuple([messageSid], { error: 'Give exactly one MESSAGE_SID.' }) }), argsOf(line)),
  async run(ctx, args) {
    const [sid] = args.positionals;
    const client = await twilioClient(ctx);
    const media = [];
    for await (const item of client.iterateMedia(sid, {}, { signal: ctx.signal })) media.push(item);
    const lines = table(
      ['MEDIA SID', 'TYPE', 'CREATED'],
      media.map((m) => [m.sid ?? '', printable(m.content_type), m.date_created_iso ?? '']),
    );
    for (const line of lines) ctx.out.line(line);
    return { json: { messageSid: sid, media } };
  },
});

const getSchema = z.object({
  positionals: z.tuple([messageSid, mediaSid], { error: 'Give a MESSAGE_SID and a MEDIA_SID.' }),
  out: z.string().min(1, '--out needs a folder.').optional(),
  xml: z.boolean().default(false),
});

async function existingFolder(ctx: CommandContext, given: string | undefined): Promise<string> {
  const folder = ctx.resolvePath(given ?? '.');
  const info = await fs.stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new AppError('io', `The folder ${folder} does not exist.`);
  return folder;
}

export const twilioMediaGet = defineCommand({
  words: ['twilio', 'media', 'get'],
  summary: 'Download a media file, or show its XML resource',
  usage: '[--account NAME] MESSAGE_SID MEDIA_SID [--out DIR] [--xml]',
  description: [
    'Saves the media\'s bytes in DIR (default: the current folder) under the name Twilio gives it, never over an',
    'existing file ("name (1).jpg"), and prints the path.',
    'With --xml, prints Twilio\'s XML form of the Media resource instead (its metadata), or saves it as',
    'DIR/MEDIA_SID.xml when --out is given.',
    'JSON: {path, bytes, contentType, fileName}; with --xml {"xml", "media"} or {"path", "media"}.',
  ],
  account: 'twilio',
  options: {
    out: { type: 'string', value: 'DIR', help: 'the folder to save into (default: the current folder)' },
    xml: { type: 'boolean', help: 'the XML form of the Media resource instead of the bytes' },
  },
  parse: (line) => parseWith(getSchema, argsOf(line)),
  async run(ctx, args) {
    const [message, media] = args.positionals;
    if (args.xml) {
      const folder = args.out !== undefined ? await existingFolder(ctx, args.out) : undefined;
      const client = await twilioClient(ctx);
      const answer = await client.getMediaXml(message, media, { signal: ctx.signal });
      if (folder === undefined) {
        if (!ctx.out.json) ctx.out.raw(answer.xml.endsWith('\n') ? answer.xml : `${answer.xml}\n`);
        return { json: { xml: answer.xml, media: answer.media } };
      }
      const file = path.join(folder, `${media}.xml`);
      if (await fs.lstat(file).then(() => true, () => false)) throw new AppError('io', `${file} already exists.`);
      await writeFileAtomic(file, answer.xml, { mode: 0o644 });
      ctx.out.line(file);
      return { json: { path: file, media: answer.media } };
    }
    const folder = await existingFolder(ctx, args.out);
    const client = await twilioClient(ctx);
    const progress = ctx.out.progress(media);
    try {
      const saved = await client.downloadMedia(message, media, { dir: folder }, { signal: ctx.signal, onProgress: (done, total) => progress.update(done, total) });
      progress.end();
      ctx.out.line(saved.path);
      return { json: saved };
    } finally {
      progress.end();
    }
  },
});

export const twilioMediaRm = defineCommand({
  words: ['twilio', 'media', 'rm'],
  summary: 'Delete media from a message',
  usage: '[--account NAME] MESSAGE_SID MEDIA_SID...',
  description: [
    'Deletes each media of the message. Each is tried; failures are reported on stderr and the exit code is the',
    'first failure\'s (media already deleted: exit 3, Twilio answers 404).',
    'JSON: {"results": [{mediaSid, ok, error?}]}.',
  ],
  account: 'twilio',
  parse: (line) => {
    const args = parseWith(z.object({ positionals: z.array(z.string()).min(2, 'Give a MESSAGE_SID and at least one MEDIA_SID.') }), argsOf(line));
    const [message, ...media] = args.positionals;
    return { message: parseWith(messageSid, message), media: media.map((sid) => parseWith(mediaSid, sid)) };
  },
  async run(ctx, args) {
    const client = await twilioClient(ctx);
    const { results, exit } = await runBatch(ctx, args.media, {
      record: (sid) => ({ mediaSid: sid }),
      prefix: (sid) => `${sid}: `,
      run: async (sid) => {
        await client.deleteMedia(args.message, sid, { signal: ctx.signal });
        ctx.out.line(`Deleted ${sid}.`);
      },
    });
    return { json: { messageSid: args.message, results }, ...(exit !== undefined ? { exit } : {}) };
  },
});
