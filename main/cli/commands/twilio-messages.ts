// `twilio messages`: messages of the account, newest first, filtered as Twilio allows (and by media here).
import { z } from 'zod';
import { isDateTime, isDay } from '../../providers/twilio/dates.js';
import type { TwilioMessage } from '../../providers/twilio/index.js';
import { intOption, issue, parseWith } from '../argv.js';
import { defineCommand } from '../command.js';
import { printable, table } from '../format.js';
import { argsOf } from './shared.js';
import { twilioClient } from './twilio-shared.js';

const date = (name: string) => z.string().refine((text) => isDay(text) || isDateTime(text), issue('cli:twilio.badDate', { option: `--${name}` }));

const messagesSchema = z.object({
  positionals: z.array(z.string()).max(0, issue('cli:twilio.messages.noArguments')),
  from: z.string().min(1, issue('cli:twilio.needsAddress', { option: '--from' })).optional(),
  to: z.string().min(1, issue('cli:twilio.needsAddress', { option: '--to' })).optional(),
  after: date('after').optional(),
  before: date('before').optional(),
  'with-media': z.boolean().default(false),
  limit: intOption('limit', 0, 1_000_000).default(50),
});

export const twilioMessages = defineCommand({
  words: ['twilio', 'messages'],
  summary: 'cli:twilio.messages.summary',
  usage: '[--account NAME] [--from X] [--to Y] [--after DATE] [--before DATE] [--with-media] [--limit N]',
  description: 'cli:twilio.messages.description',
  account: 'twilio',
  options: {
    from: { type: 'string', value: 'X', help: 'cli:twilio.messages.option.from' },
    to: { type: 'string', value: 'Y', help: 'cli:twilio.messages.option.to' },
    after: { type: 'string', value: 'DATE', help: 'cli:twilio.messages.option.after' },
    before: { type: 'string', value: 'DATE', help: 'cli:twilio.messages.option.before' },
    'with-media': { type: 'boolean', help: 'cli:twilio.messages.option.withMedia' },
    limit: { type: 'string', value: 'N', help: 'cli:twilio.messages.option.limit' },
  },
  parse: (line) => parseWith(messagesSchema, argsOf(line)),
  async run(ctx, args) {
    const client = await twilioClient(ctx);
    const messages: TwilioMessage[] = [];
    let more = false;
    const pageSize = args.limit === 0 ? 1000 : Math.min(args.limit + 1, 1000);
    const filters = {
      ...(args.from !== undefined ? { from: args.from } : {}),
      ...(args.to !== undefined ? { to: args.to } : {}),
      ...(args.after !== undefined ? { dateSentAfter: args.after } : {}),
      ...(args.before !== undefined ? { dateSentBefore: args.before } : {}),
      withMediaOnly: args['with-media'],
      pageSize,
    };
    for await (const message of client.iterateMessages(filters, { signal: ctx.signal })) {
      // One past the limit proves there are more without reading further pages.
      if (args.limit !== 0 && messages.length === args.limit) {
        more = true;
        break;
      }
      messages.push(message);
    }
    const lines = table(
      ctx.words,
      ['cli:column.messageSid', 'cli:column.sent', 'cli:column.from', 'cli:column.to', 'cli:column.media', 'cli:column.status'],
      messages.map((m) => [m.sid ?? '', m.date_sent_iso ?? '', printable(m.from), printable(m.to), m.num_media ?? '', printable(m.status)]),
    );
    for (const line of lines) ctx.out.line(line);
    if (more) ctx.out.warn(ctx.words.say('cli:twilio.messages.more', { count: args.limit }));
    return { json: { messages, more } };
  },
});
