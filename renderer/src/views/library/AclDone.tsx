// The access-list editor's last step: the list as the server now has it (or what was sent, when the user can no
// longer read it), or a result for each item of a list applied to many.
import type { LibraryAclApplyOutcome, LibraryAclState } from '../../../../main/common/methods/library';
import { errorText, useTranslation } from '../../i18n';
import { useDisplayNames } from '../../query/address-book';
import { ListsView, SummaryLine } from './AclParts';
import { Modal } from './dialogs';
import { useAclSummary } from './useAclSummary';

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
          <p className={`banner ${outcome.failed > 0 ? 'bad' : 'ok'}`} role={outcome.failed > 0 ? 'alert' : 'status'}>
            {outcome.failed > 0
              ? t('aclDone.someRefused', { saved: outcome.saved, count: outcome.failed })
              : t('aclDone.allSaved', { count: outcome.saved })}
          </p>
          <ul className="acl-results" aria-label={t('aclDone.results')}>
            {outcome.results.map((r) => (
              <li key={`${r.target.folder}/${r.target.file ?? ''}`} className={r.ok ? 'result-ok' : 'result-failed'}>
                <span className="result-mark" aria-hidden="true">{r.ok ? '✓' : '✕'}</span>
                <span className="mono">{r.target.file ?? t('aclDone.theFolder', { folder: r.target.folder })}</span>
                <span>{r.ok ? t('aclDone.saved') : t('aclDone.refused', { error: errorText(r.error) })}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Modal>
  );
}
