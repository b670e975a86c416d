// The access-list editor's last step: the list as the server now has it (or what was sent, when the user can no
// longer read it), or a result for each item of a list applied to many.
import { summarizeAcl } from '../../../../main/common/library-acl';
import type { LibraryAclApplyOutcome, LibraryAclState } from '../../../../main/common/methods/library';
import { useDisplayNames } from '../../query/address-book';
import { ListsView } from './AclParts';
import { Modal } from './dialogs';
import { plural } from './format';

interface AclDoneProps {
  title: string;
  isFile: boolean;
  saved: LibraryAclState | null;
  outcome: LibraryAclApplyOutcome | null;
  onEditAgain: () => void;
  onClose: () => void;
}

export function AclDone({ title, isFile, saved, outcome, onEditAgain, onClose }: AclDoneProps) {
  const names = useDisplayNames();
  const shown = saved ? summarizeAcl(isFile && !saved.ownAcl ? (saved.folderAcl ?? null) : saved.acl, saved.createdBy, names.name) : null;
  return (
    <Modal title={title} wide testId="acl-editor" onCancel={onClose} actions={<button type="button" className="primary" onClick={onClose}>Close</button>}>
      {saved && shown ? (
        <>
          <p className="banner ok" role="status">
            {saved.reloaded ? 'Saved. This is the access list as the server now has it:' : 'Saved. You can no longer read this access list, so it could not be read back; this is what was sent:'}
          </p>
          <ListsView acl={saved.acl} />
          <p className="acl-summary-line"><strong>Who can read:</strong> {shown.read}</p>
          <p className="acl-summary-line"><strong>Who can write:</strong> {shown.write}</p>
          {saved.reloaded ? <button type="button" onClick={onEditAgain}>Edit again</button> : null}
        </>
      ) : outcome ? (
        <>
          <p className={`banner ${outcome.failed > 0 ? 'bad' : 'ok'}`} role={outcome.failed > 0 ? 'alert' : 'status'}>
            {outcome.failed > 0
              ? `${outcome.saved.toLocaleString()} saved, ${outcome.failed.toLocaleString()} refused: the refused ones keep their previous access list.`
              : `Saved on all ${plural(outcome.saved, 'item')}.`}
          </p>
          <ul className="acl-results" aria-label="Result for each item">
            {outcome.results.map((r) => (
              <li key={`${r.target.folder}/${r.target.file ?? ''}`} className={r.ok ? 'result-ok' : 'result-failed'}>
                <span className="result-mark" aria-hidden="true">{r.ok ? '✓' : '✕'}</span>
                <span className="mono">{r.target.file ?? `${r.target.folder} (the folder)`}</span>
                <span>{r.ok ? 'Saved' : `Refused: ${r.error.message}`}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Modal>
  );
}
