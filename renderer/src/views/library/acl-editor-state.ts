// The access-list editor's steps as a reducer: edit → review → saving → done, or back to review with main's
// lock-out refusal to confirm, or to "error" (the save failed; it can be retried). The list read from the server
// starts the draft once; a later refetch (after saving, the cache reads it again) does not overwrite what is edited.
// Pure, no React.
import { diffAcl, emptyAcl, type Acl } from '../../../../main/common/library-acl';
import type { LibraryAclApplyOutcome, LibraryAclState } from '../../../../main/common/methods/library';

export type AclStep = 'edit' | 'review' | 'saving' | 'done' | 'error';

export interface AclEditorState {
  step: AclStep;
  /** The list as the server had it when editing started (null until read, and for several files). */
  base: LibraryAclState | null;
  /** Whether the draft was started from the server's list (or, for several files, from theirs). */
  started: boolean;
  draft: Acl;
  /** The draft as editing started: what "unsaved edits" are measured against. */
  start: Acl;
  applyTree: boolean;
  confirmLockout: boolean;
  /** Main refused the save as a lock-out the editor had not foreseen: its warning. */
  serverLockout: string | null;
  saveError: string | null;
  saved: LibraryAclState | null;
  outcome: LibraryAclApplyOutcome | null;
}

export type AclEditorAction =
  | { type: 'loaded'; state: LibraryAclState }
  | { type: 'edit'; draft: Acl }
  | { type: 'applyTree'; on: boolean }
  | { type: 'review' }
  | { type: 'back' }
  | { type: 'confirmLockout'; on: boolean }
  | { type: 'save' }
  | { type: 'saved'; result: { kind: 'put'; state: LibraryAclState } | { kind: 'apply'; outcome: LibraryAclApplyOutcome } }
  | { type: 'failed'; lockout: string | null; message: string }
  | { type: 'editAgain' };

/** The first state: for several files, the draft starts from their common list (or empty when they differ). */
export function initialAclEditorState(bulkBase: Acl | null | undefined): AclEditorState {
  return {
    step: 'edit',
    base: null,
    started: bulkBase !== undefined,
    draft: bulkBase ?? emptyAcl(),
    start: bulkBase ?? emptyAcl(),
    applyTree: false,
    confirmLockout: false,
    serverLockout: null,
    saveError: null,
    saved: null,
    outcome: null,
  };
}

export function aclEditorReducer(state: AclEditorState, action: AclEditorAction): AclEditorState {
  switch (action.type) {
    case 'loaded':
      return state.started ? state : { ...state, base: action.state, draft: action.state.acl, start: action.state.acl, started: true };
    case 'edit':
      return state.step === 'edit' ? { ...state, draft: action.draft } : state;
    case 'applyTree':
      return state.step === 'edit' ? { ...state, applyTree: action.on } : state;
    case 'review':
      return state.step === 'edit' && state.started ? { ...state, step: 'review' } : state;
    case 'back':
      return state.step === 'review' || state.step === 'error' ? { ...state, step: 'edit', saveError: null } : state;
    case 'confirmLockout':
      return state.step === 'review' || state.step === 'error' ? { ...state, confirmLockout: action.on } : state;
    case 'save':
      return state.step === 'review' || state.step === 'error' ? { ...state, step: 'saving', saveError: null } : state;
    case 'saved':
      if (state.step !== 'saving') return state;
      return action.result.kind === 'put' ? { ...state, step: 'done', saved: action.result.state, outcome: null } : { ...state, step: 'done', outcome: action.result.outcome, saved: null };
    case 'failed':
      if (state.step !== 'saving') return state;
      // A lock-out main saw and the editor did not: back to the review, where it must be confirmed.
      return action.lockout ? { ...state, step: 'review', serverLockout: action.lockout, confirmLockout: false } : { ...state, step: 'error', saveError: action.message };
    case 'editAgain':
      if (state.step !== 'done' || !state.saved?.reloaded) return state;
      return { ...initialAclEditorState(undefined), base: state.saved, draft: state.saved.acl, start: state.saved.acl, started: true };
  }
}

/**
 * Whether closing now would throw away edits: the lists or "also the files" changed and not saved yet. Once saving
 * has started (or is done) nothing is left to lose by closing.
 */
export function hasUnsavedEdits(state: AclEditorState): boolean {
  if (state.step === 'saving' || state.step === 'done' || !state.started) return false;
  return state.applyTree || diffAcl(state.start, state.draft).changed;
}
