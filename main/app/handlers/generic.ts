import path from 'node:path';
import type { CheckedFile, genericMethods } from '../../common/methods/generic.js';
import { toAppError } from '../../common/errors.js';
import { checkMediaFile } from '../../core/media/check.js';
import { AppError } from '../../common/errors.js';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import { importAccountXml } from '../../providers/generic/account-xml.js';
import { connectionNeedsRecipients } from '../../providers/generic/client.js';
import { accountOfKind, genericConnection } from '../connections.js';
import { GENERIC_UPLOAD, type GenericUploadParams } from '../runners/generic-upload.js';
import type { HandlerContext, HandlersFor } from './types.js';

/** Where an upload goes, said in the reader's language (the English kept for the log). */
function uploadDetail(account: string, recipients: string[]): Phrase {
  if (recipients.length === 0) return phrase('shell:transfer.to.noRecipient', { account });
  if (recipients.length <= 2) return phrase('shell:transfer.to.recipients', { account, recipients });
  return phrase('shell:transfer.to.recipientsMore', { account, first: recipients[0] ?? '', count: recipients.length - 1 });
}

export function createGenericHandlers({ services, staging }: HandlerContext): HandlersFor<typeof genericMethods> {
  const { accounts, transfers, log } = services;
  const keepDir = path.join(services.dataDir, 'transfer-files');
  return {
    'generic.checkFiles': async ({ files }) => {
      const checked: CheckedFile[] = [];
      for (const ref of files) {
        try {
          const file = await staging.resolve(ref);
          const media = await checkMediaFile(file.path, file.name);
          checked.push({ name: file.name, size: media.size, contentType: media.contentType });
        } catch (err) {
          checked.push({ name: staging.nameOf(ref) ?? 'file', size: 0, error: toAppError(err).toData() });
        }
      }
      return checked;
    },
    'generic.upload': async ({ accountId, files, recipients, description }) => {
      const account = accountOfKind(accounts, accountId, 'generic');
      // Said now, before anything is queued, rather than as a failure of every file.
      if (recipients.length === 0 && connectionNeedsRecipients(genericConnection(accounts, accountId))) {
        throw new AppError('validation', phrase('errors:generic.recipientNeededFor', { label: account.label }), { field: 'recipients' });
      }
      const queued = [];
      for (const ref of files) {
        const file = await staging.adopt(ref, keepDir);
        const params: GenericUploadParams = { accountId, file: { path: file.path, name: file.name }, recipients, description };
        queued.push(
          transfers.enqueue(
            { type: GENERIC_UPLOAD, params, ...(file.owned ? { ownedFiles: [file.path] } : {}) },
            { accountId, direction: 'upload', title: file.name, detail: uploadDetail(account.label, recipients), bytesTotal: file.size, recipients },
          ),
        );
      }
      log.info('transfers', `Queued ${queued.length} upload(s) to "${account.label}".`, accountId);
      return queued;
    },
    'generic.importAccountXml': ({ xml }) => {
      const imported = importAccountXml(xml);
      return {
        settings: imported.settings,
        ...(imported.username !== undefined ? { username: imported.username } : {}),
        ...(imported.password !== undefined ? { password: imported.password } : {}),
        authPasswords: imported.authPasswords,
        variables: imported.variables,
        problems: imported.problems,
      };
    },
  };
}
