// The access-list editor's steps: edit → review → saving → done, main's lock-out refusal back to the review, a
// failed save to "error" and retried, and a refetch after saving that never overwrites the draft.
import { describe, expect, it } from 'vitest';
import { emptyAcl, presetOnlyMe, type Acl } from '../../../../main/common/library-acl';
import type { LibraryAclState } from '../../../../main/common/methods/library';
import { aclEditorReducer, initialAclEditorState, type AclEditorAction, type AclEditorState } from '../../../../renderer/src/views/library/acl-editor-state';

const server = (acl: Acl, reloaded = true): LibraryAclState => ({ target: { folder: 'photos' }, id: 'photos', createdBy: 'me', acl, ownAcl: true, reloaded });
const run = (state: AclEditorState, ...actions: AclEditorAction[]) => actions.reduce(aclEditorReducer, state);
const onlyMe = presetOnlyMe('me');
const colleague: Acl = { ...emptyAcl(), readUsers: ['colleague'] };

describe('the access-list editor steps', () => {
  it('waits for the server’s list, starts the draft from it, and goes edit → review → saving → done', () => {
    let s = initialAclEditorState(undefined);
    expect(run(s, { type: 'review' }).step).toBe('edit'); // nothing read yet: nothing to review
    s = run(s, { type: 'loaded', state: server(emptyAcl()) }, { type: 'edit', draft: onlyMe });
    expect(s.draft).toEqual(onlyMe);
    s = run(s, { type: 'review' });
    expect(s.step).toBe('review');
    expect(run(s, { type: 'edit', draft: colleague }).draft).toEqual(onlyMe); // no editing while reviewing
    s = run(s, { type: 'save' });
    expect(s.step).toBe('saving');
    s = run(s, { type: 'saved', result: { kind: 'put', state: server(onlyMe) } });
    expect(s).toMatchObject({ step: 'done', saved: server(onlyMe), outcome: null });
  });

  it('keeps the draft when the list is read again (the cache refetches it after a save)', () => {
    const s = run(initialAclEditorState(undefined), { type: 'loaded', state: server(emptyAcl()) }, { type: 'edit', draft: onlyMe }, { type: 'loaded', state: server(colleague) });
    expect(s.draft).toEqual(onlyMe);
    expect(s.base?.acl).toEqual(emptyAcl());
  });

  it('starts several files from their common list without reading anything', () => {
    const s = initialAclEditorState(colleague);
    expect(s).toMatchObject({ started: true, draft: colleague });
    expect(run(s, { type: 'review' }).step).toBe('review');
    expect(initialAclEditorState(null)).toMatchObject({ started: true, draft: emptyAcl() });
  });

  it('goes back to the review with main’s lock-out warning, unconfirmed', () => {
    const s = run(
      initialAclEditorState(undefined),
      { type: 'loaded', state: server(onlyMe) },
      { type: 'edit', draft: colleague },
      { type: 'review' },
      { type: 'confirmLockout', on: true },
      { type: 'save' },
      { type: 'failed', lockout: 'After saving, you will no longer be able to read this.', message: 'refused' },
    );
    expect(s).toMatchObject({ step: 'review', serverLockout: 'After saving, you will no longer be able to read this.', confirmLockout: false });
  });

  it('shows a failed save as an error that can be retried or edited', () => {
    const failed = run(initialAclEditorState(undefined), { type: 'loaded', state: server(emptyAcl()) }, { type: 'edit', draft: onlyMe }, { type: 'review' }, { type: 'save' }, { type: 'failed', lockout: null, message: 'The server did not answer.' });
    expect(failed).toMatchObject({ step: 'error', saveError: 'The server did not answer.' });
    expect(run(failed, { type: 'save' })).toMatchObject({ step: 'saving', saveError: null });
    expect(run(failed, { type: 'back' })).toMatchObject({ step: 'edit', saveError: null, draft: onlyMe });
    // A late answer for a save that is no longer running changes nothing.
    expect(run(failed, { type: 'saved', result: { kind: 'put', state: server(onlyMe) } })).toBe(failed);
  });

  it('edits again from what the server read back, only when it could be read back', () => {
    const done = (reloaded: boolean) =>
      run(initialAclEditorState(undefined), { type: 'loaded', state: server(emptyAcl()) }, { type: 'edit', draft: onlyMe }, { type: 'review' }, { type: 'save' }, { type: 'saved', result: { kind: 'put', state: server(onlyMe, reloaded) } });
    expect(run(done(true), { type: 'editAgain' })).toMatchObject({ step: 'edit', draft: onlyMe, base: server(onlyMe), saved: null, serverLockout: null });
    expect(run(done(false), { type: 'editAgain' }).step).toBe('done');
  });
});
