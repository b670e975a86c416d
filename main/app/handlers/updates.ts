// Updates go to the host that can install them (the desktop app); any other host says where they are handled.
import { phrase } from '../../common/i18n/phrase.js';
import { AppError } from '../../common/errors.js';
import type { updateMethods } from '../../common/methods/updates.js';
import type { HandlerContext, HandlersFor } from './types.js';



export function createUpdateHandlers({ services }: HandlerContext): HandlersFor<typeof updateMethods> {
  const updater = () => {
    const port = services.host.updates;
    if (!port) throw new AppError('validation', phrase('errors:updates.elsewhere'));

    return port;
  };
  return {
    'updates.status': () => updater().status(),
    'updates.check': () => updater().check(),
    'updates.download': () => updater().download(),
    'updates.install': () => updater().install(),
  };
}
