// What the Twilio commands share: the client for the chosen account, and SIDs checked before any request.
import { z } from 'zod';
import { issue } from '../argv.js';
import { createTwilioClient, type TwilioClient } from '../../providers/twilio/index.js';
import { MEDIA_SID, MESSAGE_SID } from '../../providers/twilio/schemas.js';
import type { CommandContext } from '../command.js';
import { savedTwilioConnection } from '../../app/connections.js';

export async function twilioClient(ctx: CommandContext): Promise<TwilioClient> {
  const account = await ctx.account('twilio');
  return createTwilioClient(savedTwilioConnection(account.config, await ctx.secret(account)));
}

export const messageSid = z.string().regex(MESSAGE_SID, issue('cli:twilio.badMessageSid'));
export const mediaSid = z.string().regex(MEDIA_SID, issue('cli:twilio.badMediaSid'));
