import type { genericMethods } from '../../common/methods/generic.js';
import type { HandlerContext, HandlersFor } from './types.js';

export function createGenericHandlers(_context: HandlerContext): HandlersFor<typeof genericMethods> {
  return {};
}
