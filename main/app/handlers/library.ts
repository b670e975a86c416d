import type { libraryMethods } from '../../common/methods/library.js';
import type { HandlerContext, HandlersFor } from './types.js';

export function createLibraryHandlers(_context: HandlerContext): HandlersFor<typeof libraryMethods> {
  return {};
}
