// The access-list editor: the four lists (read users, read apps, write users, write apps) with add, remove and
// paste-many; presets; the plain-language summary as you edit; the changes reviewed before saving; a warning that
// must be confirmed before a save that takes away the user's own access; the state read back from the server after
// saving; and one list applied to several files, or to a folder and every file in it, with a result for each.
// Its steps are a reducer (acl-editor-state.ts); the list is read and saved through the query cache.
import { useEffect, useId, useMemo, useReducer, useState, type ReactNode } from 'react';
import { Trans, useTranslation } from '../../i18n';
import {
  ACL_LIST_NAMES,
  canAccess,
  canAccessFile,
  emptyAcl,
  hasOwnAcl,
  lockoutPhrase,
  presetEveryoneInDomain,
  presetOnlyMe,
  presetOnlyThroughApp,
  type Acl,
} from '../../../../main/common/library-acl';
import { sayPhrase } from '../../../../main/common/i18n/phrase';
import type { LibraryFileInfo, LibraryFolderInfo, LibraryWhoami } from '../../../../main/common/methods/library';
import type { TransferItem } from '../../../../main/common/transfers';
import { messageOf, UiError } from '../../bridge';
import { useUnsavedWork } from '../../components/DiscardQuestion';
import { JobProgress } from '../../components/JobProgress';
import { useDisplayNames } from '../../query/address-book';
import { useJob } from '../../store/jobs';
import { leaveOrAsk } from '../../store/leave-guard';
import { aclEditorReducer, hasUnsavedEdits, initialAclEditorState } from './acl-editor-state';
import { draftLockout, refusedLockoutWarning } from './acl-lockout';
import { AclDone } from './AclDone';
import { AclListField, DiffView, ListsView, sameAcl, SummaryLine, UnsureIdsHint, unsureUserIds } from './AclParts';
import { Modal } from './dialogs';
import { nameList } from './format';
import { useAcl, useSaveAcl, type AclSave } from './queries';
import { useAclSummary } from './useAclSummary';

export type AclScope =
  /** `files`: the folder's files when its listing is read (opened from inside it): counted, and named where a save replaces their lists. */
  | { kind: 'folder'; folder: LibraryFolderInfo; files?: readonly LibraryFileInfo[] }
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
  const { t, i18n } = useTranslation(['library', 'common']);
  const summarize = useAclSummary(names.name);
  const confirmId = useId();
  const treeId = useId();
  const { draft, base: state, applyTree, confirmLockout } = ed;
  // Escape, Close and Cancel ask before throwing edits away (the app's one question, as Back does); without edits
  // they close at once.
  const discardQuestion = useUnsavedWork(hasUnsavedEdits(ed) ? { title: t('acl.discard.title'), body: t('acl.discard.body') } : null);
  const requestClose = () => leaveOrAsk(onClose);
  const withDiscardQuestion = (editor: ReactNode) => (
    <>
      {editor}
      {discardQuestion}
    </>
  );

  const title =
    scope.kind === 'folder' ? t('acl.title.folder', { folder: scope.folder.name }) : scope.kind === 'file' ? t('acl.title.file', { file: scope.file.name }) : t('acl.title.files', { count: scope.files.length });
  const isFile = scope.kind !== 'folder';
  const creator = scope.kind === 'files' ? (scope.files.every((f) => f.createdBy === scope.files[0]?.createdBy) ? scope.files[0]?.createdBy : undefined) : state?.createdBy;
  const folderAcl = scope.kind === 'folder' ? null : scope.kind === 'file' ? (state?.folderAcl ?? folder?.acl ?? null) : (folder?.acl ?? null);
  const followsFolder = isFile && !hasOwnAcl(draft);
  const summary = summarize(followsFolder ? folderAcl : draft, creator);

  // Will the user keep his own access? The same rule main applies when it saves (main/common/library-acl.ts).
  const lockout = useMemo(() => {
    if (scope.kind === 'files') return draftLockout(me, { kind: 'files', files: scope.files, folderAcl }, draft);
    if (!state) return null;
    return draftLockout(me, { kind: 'one', state, ...(isFile ? { folderAcl } : {}) }, draft);
  }, [scope, state, draft, me, folderAcl, isFile]);
  // main's own sentence (lockoutPhrase), as main would refuse the save with it, in the window's language.
  const warning = (lockout ? sayPhrase(i18n, lockoutPhrase(lockout, names.name, true)) : null) ?? ed.serverLockout;

  const may = (op: 'read' | 'write') =>
    isFile ? canAccessFile({ createdBy: creator, acl: draft }, { acl: folderAcl }, op, me.userId, me.appId) : canAccess({ createdBy: creator, acl: draft }, op, me.userId, me.appId);
  const mine = { read: may('read'), write: may('write') };

  const users = useMemo(() => [...new Set([me.userId, ...knownUsers])], [me.userId, knownUsers]);
  // The protocol has no "everyone": the domain preset lists the users known now (presetEveryoneInDomain), and says so
  // under the presets, where a keyboard or touch user reads it too (a tooltip shows to a mouse alone).
  const domainHintId = useId();
  const domainHint = t('acl.preset.domainHint', { count: users.length, users: nameList(users.map((id) => (id === me.userId ? t('summary.you') : names.name(id))), 4) });
  const presets: Array<{ label: string; hint?: string; describedBy?: string; acl: Acl }> = [
    { label: t('acl.preset.onlyMe'), hint: t('acl.preset.onlyMeHint', { user: names.title(me.userId) }), acl: presetOnlyMe(me.userId) },
    { label: t('acl.preset.domain'), describedBy: domainHintId, acl: presetEveryoneInDomain({ currentUser: me.userId, knownUsers }) },
    { label: t('acl.preset.app'), hint: t('acl.preset.appHint', { app: names.title(me.appId) }), acl: presetOnlyThroughApp(me.appId) },
  ];

  const before = scope.kind === 'files' ? (bulkBase ?? emptyAcl()) : (state?.acl ?? emptyAcl());
  const filesChanging = scope.kind === 'files' ? scope.files.filter((f) => !sameAcl(f.acl, draft)).length : 0;
  const nothingToSave = scope.kind === 'files' ? filesChanging === 0 : !applyTree && sameAcl(before, draft);
  // The files whose own list a save over many replaces, named in the review: unknown for a folder not read yet.
  const manyFiles = scope.kind === 'files' ? scope.files : scope.kind === 'folder' && applyTree ? scope.files : undefined;
  const replaced = manyFiles?.filter((f) => hasOwnAcl(f.acl) && !sameAcl(f.acl, draft)).map((f) => f.name);
  const addedUsers = unsureUserIds([...draft.readUsers, ...draft.writeUsers].filter((id) => !before.readUsers.includes(id) && !before.writeUsers.includes(id)), me.userId, names.known);

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
      dispatch({ type: 'failed', lockout: err instanceof UiError ? refusedLockoutWarning(err.details, names.name, i18n, true) : null, message: messageOf(err) });
    }
  };

  const applyTo: 'files' | 'tree' | 'one' = scope.kind === 'files' ? 'files' : scope.kind === 'folder' && applyTree ? 'tree' : 'one';
  const fileCount = scope.kind === 'files' ? scope.files.length : 0;
  const applyLabel = t(`acl.apply.${applyTo}`, { count: fileCount });

  if (!ed.started && read.error) {
    return (
      <Modal title={title} wide onCancel={onClose} actions={<button type="button" onClick={onClose}>{t('common:action.close')}</button>}>
        <p className="banner bad" role="alert">{t('acl.readFailed', { error: messageOf(read.error) })}</p>
      </Modal>
    );
  }
  if (!ed.started) {
    return (
      <Modal title={title} wide onCancel={onClose} actions={<button type="button" onClick={onClose}>{t('common:action.cancel')}</button>}>
        <p role="status">{t('acl.reading')}</p>
      </Modal>
    );
  }

  if (ed.step === 'done') return <AclDone title={title} isFile={isFile} saved={ed.saved} outcome={ed.outcome} onEditAgain={() => dispatch({ type: 'editAgain' })} onClose={onClose} />;

  if (ed.step !== 'edit') {
    const saving = ed.step === 'saving';
    return withDiscardQuestion(
      <Modal
        title={title}
        wide
        testId="acl-editor"
        onCancel={requestClose}
        actions={
          <>
            <button type="button" disabled={saving} onClick={() => dispatch({ type: 'back' })}>{t('acl.back')}</button>
            <button type="button" className={warning ? 'danger' : 'primary'} disabled={saving || (Boolean(warning) && !confirmLockout)} onClick={() => void saveNow()}>
              {saving ? t('acl.saving') : ed.step === 'error' ? t(`acl.retry.${applyTo}`, { count: fileCount }) : applyLabel}
            </button>
          </>
        }
      >
        <h3 className="acl-subtitle">{t('acl.reviewTitle')}</h3>
        {scope.kind === 'files' ? (
          <>
            <p>{t('acl.replaceEach', { count: filesChanging, total: scope.files.length })}</p>
            {bulkBase ? <DiffView before={bulkBase} after={draft} /> : <ListsView acl={draft} />}
          </>
        ) : (
          <>
            <DiffView before={before} after={draft} />
            {applyTree ? <p>{t('acl.treeNote')}</p> : null}
          </>
        )}
        {replaced ? <p data-testid="acl-replaced">{replaced.length > 0 ? t('acl.replacesOwn', { count: replaced.length, names: nameList(replaced, 5) }) : t('acl.replacesNone')}</p> : null}
        <UnsureIdsHint ids={addedUsers} />
        <SummaryLine label={t('acl.whoCanRead')} text={summary.read} />
        <SummaryLine label={t('acl.whoCanWrite')} text={summary.write} />
        {warning ? (
          <div className="banner bad lockout" role="alert">
            <p>
              <Trans t={t} i18nKey="lockout.headed" values={{ warning }} components={{ heading: <strong /> }} />
            </p>
            <label className="check" htmlFor={confirmId}>
              <input id={confirmId} type="checkbox" checked={confirmLockout} onChange={(e) => dispatch({ type: 'confirmLockout', on: e.target.checked })} />
              {t('lockout.confirm')}
            </label>
          </div>
        ) : null}
        {saving && liveJob ? <JobProgress item={liveJob} /> : null}
        {ed.saveError ? <p className="banner bad" role="alert">{ed.saveError}</p> : null}
      </Modal>,
    );
  }

  const setDraft = (acl: Acl) => dispatch({ type: 'edit', draft: acl });
  return withDiscardQuestion(
    <Modal
      title={title}
      wide
      testId="acl-editor"
      onCancel={requestClose}
      actions={
        <>
          <button type="button" onClick={requestClose}>{t('common:action.cancel')}</button>
          <button type="button" className="primary" disabled={nothingToSave} onClick={() => dispatch({ type: 'review' })}>{t('acl.review')}</button>
        </>
      }
    >
      <div className="acl-presets" role="group" aria-label={t('acl.presets')}>
        <span className="label-text">{t('acl.presetsLabel')}</span>
        {presets.map((p) => (
          <button key={p.label} type="button" className="small" title={p.hint} aria-describedby={p.describedBy} onClick={() => setDraft(p.acl)}>{p.label}</button>
        ))}
        <button type="button" className="small" title={isFile ? t('acl.preset.followHint') : t('acl.preset.creatorHint')} onClick={() => setDraft(emptyAcl())}>
          {isFile ? t('acl.preset.follow') : t('acl.preset.creator')}
        </button>
      </div>
      <p className="hint acl-preset-hint" id={domainHintId}>{t('acl.preset.domainHelp', { preset: t('acl.preset.domain'), hint: domainHint })}</p>
      {scope.kind === 'files' && !bulkBase ? <p className="hint">{t('acl.differentLists')}</p> : null}
      <div className="acl-grid">
        {ACL_LIST_NAMES.map((name) => (
          <AclListField key={name} name={name} ids={draft[name]} me={name.endsWith('Users') ? me.userId : me.appId} onChange={(ids) => setDraft({ ...draft, [name]: ids })} />
        ))}
      </div>
      <section className="acl-summary" aria-label={t('acl.summary')} aria-live="polite">
        {followsFolder ? <p className="subtle">{scope.kind === 'files' ? t('acl.eachFollows') : t('acl.fileFollows')}</p> : null}
        <SummaryLine label={t('acl.whoCanRead')} text={summary.read} testId="acl-summary-read" />
        <SummaryLine label={t('acl.whoCanWrite')} text={summary.write} testId="acl-summary-write" />
        <SummaryLine label={t('acl.you')} text={t(`acl.yours.${mine.read && mine.write ? 'full' : mine.read ? 'read' : mine.write ? 'write' : 'none'}`)} />
      </section>
      {warning ? <p className="banner warn" role="alert">{warning}</p> : null}
      {scope.kind === 'folder' ? (
        <label className="check" htmlFor={treeId}>
          <input id={treeId} type="checkbox" checked={applyTree} onChange={(e) => dispatch({ type: 'applyTree', on: e.target.checked })} />
          {scope.files ? t('acl.alsoFilesCounted', { count: scope.files.length }) : t('acl.alsoFiles')}
        </label>
      ) : null}
    </Modal>,
  );
}
