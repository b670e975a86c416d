// The access-list editor's last step: the list as the server now has it (or what was sent, when the user can no
// longer read it), or a result for each item of a list applied to many.
import type { LibraryAclApplyOutcome, LibraryAclState } from '../../../../main/common/methods/library';
import type { TFunction } from 'i18next';
import { errorText, useTranslation } from '../../i18n';
import { useDisplayNames } from '../../query/address-book';
import { ListsView, SummaryLine } from './AclParts';
import { Modal } from './dialogs';
import { useAclSummary } from './useAclSummary';

/** Saved, refused and never tried (the job was cancelled first) are three different things to the admin. */
function doneSentence(outcome: LibraryAclApplyOutcome, t: TFunction<['library', 'common']>): string {
  const { saved, failed, notDone } = outcome;
  if (failed > 0 && notDone > 0) return t('aclDone.someRefusedSomeNotDone', { saved, count: failed, notDone });
  if (failed > 0) return t('aclDone.someRefused', { saved, count: failed });
  if (notDone > 0) return t('aclDone.cancelled', { saved, count: notDone });
  return t('aclDone.allSaved', { count: saved });
}

interface AclDoneProps {
  title: string;
  isFile: boolean;
  saved: LibraryAclState | null;
  outcome: LibraryAclApplyOutcome | null;
  onEditAgain: () => void;
  onClose: () => void;
}

export function AclDone({ title, isFile, saved, outcome, onEditAgain, onClose }: AclDoneProps) {
  const { t } = useTranslation(['library', 'common']);
  const summarize = useAclSummary(useDisplayNames().name);
  const shown = saved ? summarize(isFile && !saved.ownAcl ? (saved.folderAcl ?? null) : saved.acl, saved.createdBy ?? undefined) : null;
  return (
    <Modal title={title} wide testId="acl-editor" onCancel={onClose} actions={<button type="button" className="primary" onClick={onClose}>{t('common:action.close')}</button>}>
      {saved && shown ? (
        <>
          <p className="banner ok" role="status">
            {saved.reloaded ? t('aclDone.reloaded') : t('aclDone.notReloaded')}
          </p>
          <ListsView acl={saved.acl} />
          <SummaryLine label={t('acl.whoCanRead')} text={shown.read} />
          <SummaryLine label={t('acl.whoCanWrite')} text={shown.write} />
          {saved.reloaded ? <button type="button" onClick={onEditAgain}>{t('aclDone.editAgain')}</button> : null}
        </>
      ) : outcome ? (
        <>
          <p className={`banner ${outcome.failed > 0 ? 'bad' : outcome.notDone > 0 ? 'warn' : 'ok'}`} role={outcome.failed > 0 ? 'alert' : 'status'}>
            {doneSentence(outcome, t)}
          </p>
          <ul className="acl-results" aria-label={t('aclDone.results')}>
            {outcome.results.map((r) => {
              const notDone = !r.ok && r.error.code === 'cancelled';
              return (
                <li key={`${r.target.folder}/${r.target.file ?? ''}`} className={r.ok ? 'result-ok' : notDone ? 'result-not-done' : 'result-failed'}>
                  <span className="result-mark" aria-hidden="true">{r.ok ? '✓' : notDone ? '–' : '✕'}</span>
                  <span className="mono">{r.target.file ?? t('aclDone.theFolder', { folder: r.target.folder })}</span>
                  <span>{r.ok ? t('aclDone.saved') : notDone ? t('aclDone.notDone') : t('aclDone.refused', { error: errorText(r.error) })}</span>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </Modal>
  );
}
