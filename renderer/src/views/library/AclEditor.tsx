// The access-list editor: the four lists (read users, read apps, write users, write apps) with add, remove and
// paste-many; presets; the plain-language summary as you edit; the changes reviewed before saving; a warning that
// must be confirmed before a save that takes away the user's own access; the state read back from the server after
// saving; and one list applied to several files, or to a folder and every file in it, with a result for each.
import { useEffect, useId, useMemo, useState } from 'react';
import {
  ACL_LIST_NAMES,
  canAccess,
  canAccessFile,
  diffAcl,
  emptyAcl,
  hasOwnAcl,
  lockoutMessage,
  presetEveryoneInDomain,
  presetOnlyMe,
  presetOnlyThroughApp,
  summarizeAcl,
  type Acl,
  type AclListName,
} from '../../../../main/common/library-acl';
import { libraryIdProblem } from '../../../../main/common/library-ids';
import type { LibraryAclApplyOutcome, LibraryAclState, LibraryFileInfo, LibraryFolderInfo, LibraryWhoami } from '../../../../main/common/methods/library';
import { call, messageOf, UiError } from '../../bridge';
import { draftLockout, refusedLockoutWarning } from './acl-lockout';
import { Modal } from './dialogs';
import { nameList, plural } from './format';

export type AclScope =
  | { kind: 'folder'; folder: LibraryFolderInfo; fileCount?: number }
  | { kind: 'file'; file: LibraryFileInfo }
  | { kind: 'files'; folder: string; files: LibraryFileInfo[] };

const LIST_LABEL: Record<AclListName, { title: string; noun: string; op: string }> = {
  readUsers: { title: 'Read · users', noun: 'user', op: 'read' },
  readApps: { title: 'Read · applications', noun: 'application', op: 'read' },
  writeUsers: { title: 'Write · users', noun: 'user', op: 'write' },
  writeApps: { title: 'Write · applications', noun: 'application', op: 'write' },
};

const SEPARATORS = /[\s,;]+/;

function sameAcl(a: Acl, b: Acl): boolean {
  return !diffAcl(a, b).changed;
}

function AclListField({ name, ids, me, onChange }: { name: AclListName; ids: string[]; me: string | undefined; onChange: (ids: string[]) => void }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const label = LIST_LABEL[name];
  const add = (raw: string) => {
    const parts = raw.split(SEPARATORS).map((p) => p.trim()).filter(Boolean);
    if (parts.length === 0) return;
    const bad: string[] = [];
    const next = [...ids];
    for (const part of parts) {
      const why = libraryIdProblem(part);
      if (why) bad.push(`"${part.slice(0, 40)}" (${why})`);
      else if (!next.includes(part)) next.push(part);
    }
    onChange(next);
    setProblem(bad.length > 0 ? `Not added: ${bad.join(', ')}.` : null);
    setText('');
  };
  return (
    <fieldset className="acl-list" data-list={name}>
      <legend>{label.title}</legend>
      {ids.length === 0 ? (
        <p className="subtle acl-none">Nobody listed</p>
      ) : (
        <ul className="chips acl-chips" aria-label={`${label.title}: ${ids.length} listed`}>
          {ids.map((id) => (
            <li key={id} className="chip">
              <span className="mono">{id}</span>
              {id === me ? <span className="you"> (you)</span> : null}
              <button type="button" className="chip-remove" aria-label={`Remove ${id} from ${label.title.toLowerCase()}`} onClick={() => onChange(ids.filter((x) => x !== id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="inline acl-add">
        <input
          id={inputId}
          type="text"
          value={text}
          aria-label={`Add ${label.noun}s who can ${label.op}`}
          placeholder={`${label.noun} id — or paste many`}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add(text);
            }
          }}
          onPaste={(e) => {
            const pasted = e.clipboardData.getData('text');
            if (SEPARATORS.test(pasted.trim())) {
              e.preventDefault();
              add(`${text} ${pasted}`);
            }
          }}
        />
        <button type="button" className="small" onClick={() => add(text)}>Add</button>
      </div>
      {problem ? <p className="error acl-problem" role="alert">{problem}</p> : null}
    </fieldset>
  );
}

function ListsView({ acl }: { acl: Acl }) {
  return (
    <dl className="details acl-lists-view">
      {ACL_LIST_NAMES.map((name) => (
        <div key={name} className="details-row">
          <dt>{LIST_LABEL[name].title}</dt>
          <dd className="mono">{acl[name].length > 0 ? acl[name].join(', ') : <span className="subtle">nobody</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

function DiffView({ before, after }: { before: Acl; after: Acl }) {
  const diff = diffAcl(before, after);
  if (!diff.changed) return <p className="subtle">No changes: the lists are as the server has them.</p>;
  return (
    <ul className="acl-diff" aria-label="Changes to be saved">
      {ACL_LIST_NAMES.flatMap((name) => [
        ...diff[name].added.map((id) => (
          <li key={`+${name}${id}`} className="diff-added">
            <span aria-hidden="true">+ </span>Add <span className="mono">{id}</span> to {LIST_LABEL[name].title.toLowerCase()}
          </li>
        )),
        ...diff[name].removed.map((id) => (
          <li key={`-${name}${id}`} className="diff-removed">
            <span aria-hidden="true">− </span>Remove <span className="mono">{id}</span> from {LIST_LABEL[name].title.toLowerCase()}
          </li>
        )),
      ])}
    </ul>
  );
}

interface AclEditorProps {
  accountId: string;
  me: LibraryWhoami;
  scope: AclScope;
  /** For files: their folder (its list governs files without one of their own). */
  folder: LibraryFolderInfo | null;
  /** Users seen in this domain, for the "everyone in the domain" preset. */
  knownUsers: readonly string[];
  onClose: (changed: boolean) => void;
}

type Step = 'edit' | 'review' | 'done';

export function AclEditor({ accountId, me, scope, folder, knownUsers, onClose }: AclEditorProps) {
  const [state, setState] = useState<LibraryAclState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Acl>(emptyAcl());
  const [step, setStep] = useState<Step>('edit');
  const [applyTree, setApplyTree] = useState(false);
  const [confirmLockout, setConfirmLockout] = useState(false);
  const [serverLockout, setServerLockout] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState<LibraryAclState | null>(null);
  const [outcome, setOutcome] = useState<LibraryAclApplyOutcome | null>(null);
  const [changed, setChanged] = useState(false);
  const confirmId = useId();
  const treeId = useId();

  const bulkBase = useMemo(() => {
    if (scope.kind !== 'files') return null;
    const first = scope.files[0]?.acl ?? emptyAcl();
    return scope.files.every((f) => sameAcl(f.acl, first)) ? first : null;
  }, [scope]);

  useEffect(() => {
    if (scope.kind === 'files') {
      setDraft(bulkBase ?? emptyAcl());
      return;
    }
    let live = true;
    const target = scope.kind === 'folder' ? { folder: scope.folder.name } : { folder: scope.file.folder, file: scope.file.name };
    call('library.getAcl', { accountId, target })
      .then((s) => {
        if (!live) return;
        setState(s);
        setDraft(s.acl);
      })
      .catch((err: unknown) => live && setLoadError(messageOf(err)));
    return () => {
      live = false;
    };
  }, [accountId, scope, bulkBase]);

  const title =
    scope.kind === 'folder' ? `Permissions of folder "${scope.folder.name}"` : scope.kind === 'file' ? `Permissions of "${scope.file.name}"` : `Permissions of ${plural(scope.files.length, 'selected file')}`;
  const isFile = scope.kind !== 'folder';
  const creator = scope.kind === 'files' ? (scope.files.every((f) => f.createdBy === scope.files[0]?.createdBy) ? scope.files[0]?.createdBy : undefined) : state?.createdBy;
  const folderAcl = scope.kind === 'folder' ? null : scope.kind === 'file' ? (state?.folderAcl ?? folder?.acl ?? null) : (folder?.acl ?? null);
  const followsFolder = isFile && !hasOwnAcl(draft);
  const governing = followsFolder ? folderAcl : draft;
  const summary = summarizeAcl(governing, creator);

  // Will the user keep his own access? The same rule main applies when it saves (main/common/library-acl.ts).
  const lockout = useMemo(() => {
    if (scope.kind === 'files') return draftLockout(me, { kind: 'files', files: scope.files, folderAcl }, draft);
    if (!state) return null;
    return draftLockout(me, { kind: 'one', state, ...(isFile ? { folderAcl } : {}) }, draft);
  }, [scope, state, draft, me, folderAcl, isFile]);
  const lockoutWarning = lockout ? lockoutMessage(lockout) : null;
  const warning = lockoutWarning ?? serverLockout;

  const mine = {
    read: isFile ? canAccessFile({ createdBy: creator, acl: draft }, { acl: folderAcl }, 'read', me.userId, me.appId) : canAccess({ createdBy: creator, acl: draft }, 'read', me.userId, me.appId),
    write: isFile ? canAccessFile({ createdBy: creator, acl: draft }, { acl: folderAcl }, 'write', me.userId, me.appId) : canAccess({ createdBy: creator, acl: draft }, 'write', me.userId, me.appId),
  };

  const users = useMemo(() => [...new Set([me.userId, ...knownUsers])], [me.userId, knownUsers]);
  const presets: Array<{ label: string; hint: string; acl: Acl }> = [
    { label: 'Only me', hint: `Read and write for ${me.userId} alone, through any application.`, acl: presetOnlyMe(me.userId) },
    { label: 'Everyone in the domain', hint: `Read and write for the ${users.length} users seen in this domain: ${nameList(users, 4)}.`, acl: presetEveryoneInDomain({ currentUser: me.userId, knownUsers }) },
    { label: 'Only through this application', hint: `Read and write for any user of ${me.appId}, and no one through another application.`, acl: presetOnlyThroughApp(me.appId) },
  ];

  const before = scope.kind === 'files' ? (bulkBase ?? emptyAcl()) : (state?.acl ?? emptyAcl());
  const filesChanging = scope.kind === 'files' ? scope.files.filter((f) => !sameAcl(f.acl, draft)).length : 0;
  const nothingToSave = scope.kind === 'files' ? filesChanging === 0 : !applyTree && sameAcl(before, draft);

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    const allowLockout = confirmLockout && Boolean(warning);
    try {
      if (scope.kind === 'folder' && !applyTree) {
        setSaved(await call('library.putAcl', { accountId, target: { folder: scope.folder.name }, acl: draft, allowLockout }));
      } else if (scope.kind === 'file') {
        setSaved(await call('library.putAcl', { accountId, target: { folder: scope.file.folder, file: scope.file.name }, acl: draft, allowLockout }));
      } else {
        const to = scope.kind === 'folder' ? ({ kind: 'folderAndFiles', folder: scope.folder.name } as const) : ({ kind: 'files', folder: scope.folder, files: scope.files.map((f) => f.name) } as const);
        setOutcome(await call('library.applyAcl', { accountId, to, acl: draft, allowLockout }));
      }
      setChanged(true);
      setStep('done');
    } catch (err) {
      // Main refuses a lock-out that was not confirmed (it may know of files the editor did not see).
      const refused = err instanceof UiError ? refusedLockoutWarning(err.details) : null;
      if (refused) {
        setServerLockout(refused);
        setConfirmLockout(false);
      } else {
        setSaveError(messageOf(err));
      }
    } finally {
      setSaving(false);
    }
  };

  const applyLabel =
    scope.kind === 'files'
      ? `Apply to ${plural(scope.files.length, 'selected file')}`
      : scope.kind === 'folder' && applyTree
        ? `Apply to the folder and all its files`
        : 'Save';

  if (loadError) {
    return (
      <Modal title={title} wide onCancel={() => onClose(false)} actions={<button type="button" onClick={() => onClose(false)}>Close</button>}>
        <p className="banner bad" role="alert">The access list could not be read: {loadError}</p>
      </Modal>
    );
  }
  if (scope.kind !== 'files' && !state) {
    return (
      <Modal title={title} wide onCancel={() => onClose(false)} actions={<button type="button" onClick={() => onClose(false)}>Cancel</button>}>
        <p role="status">Reading the access list from the server…</p>
      </Modal>
    );
  }

  if (step === 'done') {
    return (
      <Modal title={title} wide testId="acl-editor" onCancel={() => onClose(changed)} actions={<button type="button" className="primary" onClick={() => onClose(changed)}>Close</button>}>
        {saved ? (
          <>
            <p className="banner ok" role="status">
              {saved.reloaded ? 'Saved. This is the access list as the server now has it:' : 'Saved. You can no longer read this access list, so it could not be read back; this is what was sent:'}
            </p>
            <ListsView acl={saved.acl} />
            <p className="acl-summary-line"><strong>Who can read:</strong> {summarizeAcl(isFile && !saved.ownAcl ? (saved.folderAcl ?? null) : saved.acl, saved.createdBy).read}</p>
            <p className="acl-summary-line"><strong>Who can write:</strong> {summarizeAcl(isFile && !saved.ownAcl ? (saved.folderAcl ?? null) : saved.acl, saved.createdBy).write}</p>
            {saved.reloaded ? (
              <button
                type="button"
                onClick={() => {
                  setState(saved);
                  setDraft(saved.acl);
                  setSaved(null);
                  setConfirmLockout(false);
                  setServerLockout(null);
                  setStep('edit');
                }}
              >
                Edit again
              </button>
            ) : null}
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

  if (step === 'review') {
    return (
      <Modal
        title={title}
        wide
        testId="acl-editor"
        onCancel={() => onClose(false)}
        actions={
          <>
            <button type="button" onClick={() => setStep('edit')}>Back</button>
            <button type="button" className={warning ? 'danger' : 'primary'} disabled={saving || (Boolean(warning) && !confirmLockout)} onClick={() => void save()}>
              {saving ? 'Saving…' : applyLabel}
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
              <input id={confirmId} type="checkbox" checked={confirmLockout} onChange={(e) => setConfirmLockout(e.target.checked)} />
              I understand: save it anyway
            </label>
          </div>
        ) : null}
        {saveError ? <p className="banner bad" role="alert">{saveError}</p> : null}
      </Modal>
    );
  }

  return (
    <Modal
      title={title}
      wide
      testId="acl-editor"
      onCancel={() => onClose(false)}
      actions={
        <>
          <button type="button" onClick={() => onClose(false)}>Cancel</button>
          <button type="button" className="primary" disabled={nothingToSave} onClick={() => setStep('review')}>Review changes…</button>
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
          <input id={treeId} type="checkbox" checked={applyTree} onChange={(e) => setApplyTree(e.target.checked)} />
          Also apply to every file in this folder{scope.fileCount !== undefined ? ` (${plural(scope.fileCount, 'file')})` : ''}, replacing their own lists
        </label>
      ) : null}
    </Modal>
  );
}
