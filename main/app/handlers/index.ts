// Every contract method's handler, one group per file.
import type { Handlers } from '../dispatch.js';
import { createAddressBookHandlers } from './address-book.js';
import { createCoreHandlers } from './core.js';
import { createGenericHandlers } from './generic.js';
import { createLibraryHandlers } from './library.js';
import { createTwilioHandlers } from './twilio.js';
import { createUpdateHandlers } from './updates.js';
import type { HandlerContext } from './types.js';

export { validateExternalUrl } from './core.js';
export type { HandlerContext } from './types.js';

export function createHandlers(context: HandlerContext): Handlers {
  return {
    ...createCoreHandlers(context),
    ...createGenericHandlers(context),
    ...createLibraryHandlers(context),
    ...createTwilioHandlers(context),
    ...createUpdateHandlers(context),
    ...createAddressBookHandlers(context),
  };
}
