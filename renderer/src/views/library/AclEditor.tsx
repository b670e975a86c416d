// The access-list editor: the four lists (read users, read apps, write users, write apps) with add, remove and
// paste-many; presets; the plain-language summary as you edit; the changes reviewed before saving; a warning that
// must be confirmed before a save that takes away the user's own access; the state read back from the server after
// saving; and one list applied to several files, or to a folder and every file in it, with a result for each.
// Its steps are a reducer (acl-editor-state.ts); the list is read and saved through the query cache.
import { useEffect, useId, useMemo, useReducer, useState } from 'react';
import {
  ACL_LIST_NAMES,
  canAccess,
  canAccessFile,
  emptyAcl,
  hasOwnAcl,
  lockoutMessage,
  presetEveryoneInDomain,
  presetOnlyMe,
  presetOnlyThroughApp,
  summarizeAcl,
  type Acl,
} from '../../../../main/common/library-acl';
import type { LibraryFileInfo, LibraryFolderInfo, LibraryWhoami } from '../../../../main/common/methods/library';
import type { TransferItem } from '../../../../main/common/transfers';
import { messageOf, UiError } from '../../bridge';
import { JobProgress } from '../../components/JobProgress';
import { useDisplayNames } from '../../query/address-book';
import { useJob } from '../../store/jobs';
import { aclEditorReducer, initialAclEditorState } from './acl-editor-state';
import { draftLockout, refusedLockoutWarning } from './acl-lockout';
import { AclDone } from './AclDone';
import { AclListField, DiffView, ListsView, sameAcl } from './AclParts';
import { Modal } from './dialogs';
import { nameList, plural } from './format';
import { useAcl, useSaveAcl, type AclSave } from './queries';

export type AclScope =
  | { kind: 'folder'; folder: LibraryFolderInfo; fileCount?: number }
  | { kind: 'file'; file: LibraryFileInfo }
  | { kind: 'files'; folder: string; files: LibraryFileInfo[] };

interface AclEditorProps {
  accountId: string;
  me: LibraryWhoami;
  scope: AclScope;
  /** For files: their folder (its list governs files without one of their own). */
  folder: LibraryFolderInfo | null;
  /** Users seen in this domain, for the "everyone in the domain" preset. */
  knownUsers: readonly string[];
  onClose: () => void;
}

export function AclEditor({ accountId, me, scope, folder, knownUsers, onClose }: AclEditorProps) {
  const bulkBase = useMemo(() => {
    if (scope.kind !== 'files') return undefined;
    const first = scope.files[0]?.acl ?? emptyAcl();
    return scope.files.every((f) => sameAcl(f.acl, first)) ? first : null;
  }, [scope]);
  const [ed, dispatch] = useReducer(aclEditorReducer, bulkBase, initialAclEditorState);
  const target = scope.kind === 'folder' ? { folder: scope.folder.name } : scope.kind === 'file' ? { folder: scope.file.folder, file: scope.file.name } : null;
  const read = useAcl(accountId, target);
  // Applying to many items is a job in the transfer queue: its n of N and Cancel show in the saving step.
  const [applyJob, setApplyJob] = useState<TransferItem | null>(null);
  const liveJob = useJob(applyJob?.id ?? null) ?? applyJob;
  const save = useSaveAcl(accountId, setApplyJob);
  useEffect(() => {
    if (read.data) dispatch({ type: 'loaded', state: read.data });
  }, [read.data]);
  const names = useDisplayNames();
  const confirmId = useId();
  const treeId = useId();
  const { draft, base: state, applyTree, confirmLockout } = ed;

  const title =
    scope.kind === 'folder' ? `Permissions of folder "${scope.folder.name}"` : scope.kind === 'file' ? `Permissions of "${scope.file.name}"` : `Permissions of ${plural(scope.files.length, 'selected file')}`;
  const isFile = scope.kind !== 'folder';
  const creator = scope.kind === 'files' ? (scope.files.every((f) => f.createdBy === scope.files[0]?.createdBy) ? scope.files[0]?.createdBy : undefined) : state?.createdBy;
  const folderAcl = scope.kind === 'folder' ? null : scope.kind === 'file' ? (state?.folderAcl ?? folder?.acl ?? null) : (folder?.acl ?? null);
  const followsFolder = isFile && !hasOwnAcl(draft);
  const summary = summarizeAcl(followsFolder ? folderAcl : draft, creator, names.name);

  // Will the user keep his own access? The same rule main applies when it saves (main/common/library-acl.ts).
  const lockout = useMemo(() => {
    if (scope.kind === 'files') return draftLockout(me, { kind: 'files', files: scope.files, folderAcl }, draft);
    if (!state) return null;
    return draftLockout(me, { kind: 'one', state, ...(isFile ? { folderAcl } : {}) }, draft);
  }, [scope, state, draft, me, folderAcl, isFile]);
  const warning = (lockout ? lockoutMessage(lockout, names.name) : null) ?? ed.serverLockout;

  const may = (op: 'read' | 'write') =>
    isFile ? canAccessFile({ createdBy: creator, acl: draft }, { acl: folderAcl }, op, me.userId, me.appId) : canAccess({ createdBy: creator, acl: draft }, op, me.userId, me.appId);
  const mine = { read: may('read'), write: may('write') };

  const users = useMemo(() => [...new Set([me.userId, ...knownUsers])], [me.userId, knownUsers]);
  const presets: Array<{ label: string; hint: string; acl: Acl }> = [
    { label: 'Only me', hint: `Read and write for ${names.title(me.userId)} alone, through any application.`, acl: presetOnlyMe(me.userId) },
    { label: 'Everyone in the domain', hint: `Read and write for the ${users.length} users seen in this domain: ${nameList(users.map(names.name), 4)}.`, acl: presetEveryoneInDomain({ currentUser: me.userId, knownUsers }) },
    { label: 'Only through this application', hint: `Read and write for any user of ${names.title(me.appId)}, and no one through another application.`, acl: presetOnlyThroughApp(me.appId) },
  ];

  const before = scope.kind === 'files' ? (bulkBase ?? emptyAcl()) : (state?.acl ?? emptyAcl());
  const filesChanging = scope.kind === 'files' ? scope.files.filter((f) => !sameAcl(f.acl, draft)).length : 0;
  const nothingToSave = scope.kind === 'files' ? filesChanging === 0 : !applyTree && sameAcl(before, draft);

  const saveNow = async () => {
    dispatch({ type: 'save' });
    const allowLockout = confirmLockout && Boolean(warning);
    const request: AclSave =
      scope.kind === 'folder' && !applyTree
        ? { kind: 'put', target: { folder: scope.folder.name }, acl: draft, allowLockout }
        : scope.kind === 'file'
          ? { kind: 'put', target: { folder: scope.file.folder, file: scope.file.name }, acl: draft, allowLockout }
          : { kind: 'apply', to: scope.kind === 'folder' ? { kind: 'folderAndFiles', folder: scope.folder.name } : { kind: 'files', folder: scope.folder, files: scope.files.map((f) => f.name) }, acl: draft, allowLockout };
    try {
      dispatch({ type: 'saved', result: await save.mutateAsync(request) });
    } catch (err) {
      // Main refuses a lock-out that was not confirmed (it may know of files the editor did not see).
      dispatch({ type: 'failed', lockout: err instanceof UiError ? refusedLockoutWarning(err.details, names.name) : null, message: messageOf(err) });
    }
  };

  const applyLabel = scope.kind === 'files' ? `Apply to ${plural(scope.files.length, 'selected file')}` : scope.kind === 'folder' && applyTree ? `Apply to the folder and all its files` : 'Save';

  if (!ed.started && read.error) {
    return (
      <Modal title={title} wide onCancel={onClose} actions={<button type="button" onClick={onClose}>Close</button>}>
        <p className="banner bad" role="alert">The access list could not be read: {messageOf(read.error)}</p>
      </Modal>
    );
  }
  if (!ed.started) {
    return (
      <Modal title={title} wide onCancel={onClose} actions={<button type="button" onClick={onClose}>Cancel</button>}>
        <p role="status">Reading the access list from the server…</p>
      </Modal>
    );
  }

  if (ed.step === 'done') return <AclDone title={title} isFile={isFile} saved={ed.saved} outcome={ed.outcome} onEditAgain={() => dispatch({ type: 'editAgain' })} onClose={onClose} />;

  if (ed.step !== 'edit') {
    const saving = ed.step === 'saving';
    return (
      <Modal
        title={title}
        wide
        testId="acl-editor"
        onCancel={onClose}
        actions={
          <>
            <button type="button" disabled={saving} onClick={() => dispatch({ type: 'back' })}>Back</button>
            <button type="button" className={warning ? 'danger' : 'primary'} disabled={saving || (Boolean(warning) && !confirmLockout)} onClick={() => void saveNow()}>
              {saving ? 'Saving…' : ed.step === 'error' ? `Try again: ${applyLabel.toLowerCase()}` : applyLabel}
            </button>
          </>
        }
      >
        <h3 className="acl-subtitle">Review the changes</h3>
        {scope.kind === 'files' ? (
          <>
            <p>
              These lists replace the own access list of each selected file ({filesChanging.toLocaleString()} of {scope.files.length.toLocaleString()} will change).
            </p>
            {bulkBase ? <DiffView before={bulkBase} after={draft} /> : <ListsView acl={draft} />}
          </>
        ) : (
          <>
            <DiffView before={before} after={draft} />
            {applyTree ? <p>The same lists are also saved on every file in the folder, one by one; you will see the result for each.</p> : null}
          </>
        )}
        <p className="acl-summary-line"><strong>Who can read:</strong> {summary.read}</p>
        <p className="acl-summary-line"><strong>Who can write:</strong> {summary.write}</p>
        {warning ? (
          <div className="banner bad lockout" role="alert">
            <p><strong>You are about to lock yourself out.</strong> {warning}</p>
            <label className="check" htmlFor={confirmId}>
              <input id={confirmId} type="checkbox" checked={confirmLockout} onChange={(e) => dispatch({ type: 'confirmLockout', on: e.target.checked })} />
              I understand: save it anyway
            </label>
          </div>
        ) : null}
        {saving && liveJob ? <JobProgress item={liveJob} /> : null}
        {ed.saveError ? <p className="banner bad" role="alert">{ed.saveError}</p> : null}
      </Modal>
    );
  }

  const setDraft = (acl: Acl) => dispatch({ type: 'edit', draft: acl });
  return (
    <Modal
      title={title}
      wide
      testId="acl-editor"
      onCancel={onClose}
      actions={
        <>
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="button" className="primary" disabled={nothingToSave} onClick={() => dispatch({ type: 'review' })}>Review changes…</button>
        </>
      }
    >
      <div className="acl-presets" role="group" aria-label="Presets">
        <span className="label-text">Presets:</span>
        {presets.map((p) => (
          <button key={p.label} type="button" className="small" title={p.hint} onClick={() => setDraft(p.acl)}>{p.label}</button>
        ))}
        <button type="button" className="small" title={isFile ? 'Empty all four lists: the file follows its folder again.' : 'Empty all four lists: only the creator has access.'} onClick={() => setDraft(emptyAcl())}>
          {isFile ? 'Follow the folder' : 'Creator only'}
        </button>
      </div>
      {scope.kind === 'files' && !bulkBase ? <p className="hint">The selected files have different access lists; these lists will replace each one's.</p> : null}
      <div className="acl-grid">
        {ACL_LIST_NAMES.map((name) => (
          <AclListField key={name} name={name} ids={draft[name]} me={name.endsWith('Users') ? me.userId : me.appId} onChange={(ids) => setDraft({ ...draft, [name]: ids })} />
        ))}
      </div>
      <section className="acl-summary" aria-label="Summary" aria-live="polite">
        {followsFolder ? <p className="subtle">{scope.kind === 'files' ? 'With all four lists empty, each file follows its folder.' : "With all four lists empty, this file follows its folder's access list."}</p> : null}
        <p className="acl-summary-line" data-testid="acl-summary-read"><strong>Who can read:</strong> {summary.read}</p>
        <p className="acl-summary-line" data-testid="acl-summary-write"><strong>Who can write:</strong> {summary.write}</p>
        <p className="acl-summary-line"><strong>You:</strong> {mine.read && mine.write ? 'you keep read and write access.' : mine.read ? 'you could read but no longer change it.' : mine.write ? 'you could change but no longer read it.' : 'you would have no access at all.'}</p>
      </section>
      {warning ? <p className="banner warn" role="alert">{warning}</p> : null}
      {scope.kind === 'folder' ? (
        <label className="check" htmlFor={treeId}>
          <input id={treeId} type="checkbox" checked={applyTree} onChange={(e) => dispatch({ type: 'applyTree', on: e.target.checked })} />
          Also apply to every file in this folder{scope.fileCount !== undefined ? ` (${plural(scope.fileCount, 'file')})` : ''}, replacing their own lists
        </label>
      ) : null}
    </Modal>
  );
}
