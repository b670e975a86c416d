// `twilio messages`: messages of the account, newest first, filtered as Twilio allows (and by media here).
import { z } from 'zod';
import { isDateTime, isDay } from '../../providers/twilio/dates.js';
import type { TwilioMessage } from '../../providers/twilio/index.js';
import { intOption, parseWith } from '../argv.js';
import { defineCommand } from '../command.js';
import { printable, table } from '../format.js';
import { argsOf } from './shared.js';
import { twilioClient } from './twilio-shared.js';

const DATE_HELP = 'a GMT day YYYY-MM-DD (the whole day counts) or an ISO 8601 date-time';
const date = (name: string) =>
  z.string().refine((text) => isDay(text) || isDateTime(text), `--${name} must be a GMT day written YYYY-MM-DD or an ISO 8601 date-time (2024-05-01T10:00:00Z).`);

const messagesSchema = z.object({
  positionals: z.array(z.string()).max(0, '"twilio messages" takes no arguments; filter with --from, --to, --after, --before.'),
  from: z.string().min(1, '--from needs a number or address.').optional(),
  to: z.string().min(1, '--to needs a number or address.').optional(),
  after: date('after').optional(),
  before: date('before').optional(),
  'with-media': z.boolean().default(false),
  limit: intOption('limit', 0, 1_000_000).default(50),
});

export const twilioMessages = defineCommand({
  words: ['twilio', 'messages'],
  summary: 'List messages, newest first',
  usage: '[--account NAME] [--from X] [--to Y] [--after DATE] [--before DATE] [--with-media] [--limit N]',
  description: [
    `Dates are ${DATE_HELP}; --after and --before include the day given.`,
    'At most --limit messages are shown (default 50, 0 for all); when more match, stderr says so.',
    'JSON: {"messages": [Twilio\'s message fields, plus date_sent_iso…], "more": true|false}.',
  ],
  account: 'twilio',
  options: {
    from: { type: 'string', value: 'X', help: 'only messages from this number or address' },
    to: { type: 'string', value: 'Y', help: 'only messages to this number or address' },
    after: { type: 'string', value: 'DATE', help: 'only messages sent on or after DATE' },
    before: { type: 'string', value: 'DATE', help: 'only messages sent on or before DATE' },
    'with-media': { type: 'boolean', help: 'only messages with media' },
    limit: { type: 'string', value: 'N', help: 'show at most N messages (default 50; 0: all)' },
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
      ['MESSAGE SID', 'SENT', 'FROM', 'TO', 'MEDIA', 'STATUS'],
      messages.map((m) => [m.sid ?? '', m.date_sent_iso ?? '', printable(m.from), printable(m.to), m.num_media ?? '', printable(m.status)]),
    );
    for (const line of lines) ctx.out.line(line);
    if (more) ctx.out.warn(`More messages match: showing the first ${args.limit}; raise --limit (0 for all).`);
    return { json: { messages, more } };
  },
});
