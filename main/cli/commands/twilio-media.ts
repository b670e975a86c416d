// `twilio media list|get|rm`: the media of one message.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { writeFileAtomic } from '../../core/storage/atomic.js';
import { issue, parseWith } from '../argv.js';
import { defineCommand, type CommandContext } from '../command.js';
import { printable, table } from '../format.js';
import { argsOf, runBatch } from './shared.js';
import { mediaSid, messageSid, twilioClient } from './twilio-shared.js';

export const twilioMediaList = defineCommand({
  words: ['twilio', 'media', 'list'],
  summary: 'cli:twilio.media.list.summary',
  usage: '[--account NAME] MESSAGE_SID',
  description: 'cli:twilio.media.list.description',
  account: 'twilio',
  parse: (line) => parseWith(z.object({ positionals: z.tuple([messageSid], { error: issue('cli:twilio.media.list.oneSid') }) }), argsOf(line)),
  async run(ctx, args) {
    const [sid] = args.positionals;
    const client = await twilioClient(ctx);
    const media = [];
    for await (const item of client.iterateMedia(sid, {}, { signal: ctx.signal })) media.push(item);
    const lines = table(
      ctx.words,
      ['cli:column.mediaSid', 'cli:column.type', 'cli:column.created'],
      media.map((m) => [m.sid ?? '', printable(m.content_type), m.date_created_iso ?? '']),
    );
    for (const line of lines) ctx.out.line(line);
    return { json: { messageSid: sid, media } };
  },
});

const getSchema = z.object({
  positionals: z.tuple([messageSid, mediaSid], { error: issue('cli:twilio.media.get.twoSids') }),
  out: z.string().min(1, issue('cli:usage.outEmpty')).optional(),
  xml: z.boolean().default(false),
});

async function existingFolder(ctx: CommandContext, given: string | undefined): Promise<string> {
  const folder = ctx.resolvePath(given ?? '.');
  const info = await fs.stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new AppError('io', phrase('cli:file.noFolder', { folder }));
  return folder;
}

export const twilioMediaGet = defineCommand({
  words: ['twilio', 'media', 'get'],
  summary: 'cli:twilio.media.get.summary',
  usage: '[--account NAME] MESSAGE_SID MEDIA_SID [--out DIR] [--xml]',
  description: 'cli:twilio.media.get.description',
  account: 'twilio',
  options: {
    out: { type: 'string', value: 'DIR', help: 'cli:option.out' },
    xml: { type: 'boolean', help: 'cli:twilio.media.get.option.xml' },
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
      if (await fs.lstat(file).then(() => true, () => false)) throw new AppError('io', phrase('cli:file.exists', { file }));
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
  summary: 'cli:twilio.media.rm.summary',
  usage: '[--account NAME] MESSAGE_SID MEDIA_SID...',
  description: 'cli:twilio.media.rm.description',
  account: 'twilio',
  parse: (line) => {
    const args = parseWith(z.object({ positionals: z.array(z.string()).min(2, issue('cli:twilio.media.rm.sids')) }), argsOf(line));
    const [message, ...media] = args.positionals;
    return { message: parseWith(messageSid, message), media: media.map((sid) => parseWith(mediaSid, sid)) };
  },
  async run(ctx, args) {
    const client = await twilioClient(ctx);
    const { results, exit } = await runBatch(ctx, args.media, {
      record: (sid) => ({ mediaSid: sid }),
      name: (sid) => sid,
      run: async (sid) => {
        await client.deleteMedia(args.message, sid, { signal: ctx.signal });
        ctx.out.line(ctx.words.say('cli:twilio.deleted', { sid }));
      },
    });
    return { json: { messageSid: args.message, results }, ...(exit !== undefined ? { exit } : {}) };
  },
});
