// The transfer runner for generic uploads: check the bytes again (the file may have changed since it was added),
// then upload, reporting each phase and the bytes sent.
import { z } from 'zod';
import { accountIdSchema } from '../../common/accounts.js';
import type { TransferResult } from '../../common/transfers.js';
import type { AccountStore } from '../../core/accounts/account-store.js';
import { checkMediaFile } from '../../core/media/check.js';
import type { RunContext } from '../../core/transfers/transfer-queue.js';
import { uploadGenericMedia } from '../../providers/generic/client.js';
import { accountOfKind, genericConnection } from '../connections.js';

export const GENERIC_UPLOAD = 'generic.upload';

export const genericUploadParams = z.object({
  accountId: accountIdSchema,
  file: z.object({ path: z.string().min(1), name: z.string().min(1).max(255) }),
  recipients: z.array(z.string()),
  description: z.string(),
});
export type GenericUploadParams = z.infer<typeof genericUploadParams>;

export function genericUploadRunner(accounts: AccountStore) {
  return async (ctx: RunContext): Promise<TransferResult> => {
    const params = genericUploadParams.parse(ctx.params);
    const media = await checkMediaFile(params.file.path, params.file.name);
    ctx.progress(0, media.size);
    const { answerTimeoutSeconds } = accountOfKind(accounts, params.accountId, 'generic');
    const result = await uploadGenericMedia(
      genericConnection(accounts, params.accountId),
      { file: { path: params.file.path, name: params.file.name, size: media.size, contentType: media.contentType }, recipients: params.recipients, description: params.description },
      {
        signal: ctx.signal,
        ...(answerTimeoutSeconds !== undefined ? { answerTimeoutMs: answerTimeoutSeconds * 1000 } : {}),
        // The precheck is part of checking; the reference send follows the upload.
        onPhase: (phase) => ctx.phase(phase === 'precheck' ? 'checking' : phase === 'waiting' ? 'waiting' : 'uploading'),
        onProgress: (sent, total) => ctx.progress(sent, total),
      },
    );
    return { mediaUrl: result.mediaUrl, references: result.referenceSends, ...(result.authentication ? { authentication: result.authentication } : {}) };
  };
}
