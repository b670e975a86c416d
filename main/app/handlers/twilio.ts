import type { twilioMethods } from '../../common/methods/twilio.js';
import type { HandlerContext, HandlersFor } from './types.js';

export function createTwilioHandlers(_context: HandlerContext): HandlersFor<typeof twilioMethods> {
  return {};
}
