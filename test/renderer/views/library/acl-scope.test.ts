// What the access-list editor opens on, from the selection: the folder, the one file or the files in a folder; the
// one folder at the top level; nothing where the access lists rule it out.
import { describe, expect, it } from 'vitest';
import type { ActionState } from '../../../../renderer/src/views/library/access';
import { fileRows, folderRows } from '../../../../renderer/src/views/library/format';
import { aclScopeFor } from '../../../../renderer/src/views/library/LibraryDialogs';
import { folder, ME } from './fake-library';

const yes: ActionState = { enabled: true, reason: null };
const no: ActionState = { enabled: false, reason: 'Read only' };
const photos = folder('photos', ME.userId, {}, [{ name: 'a.jpg' }, { name: 'b.jpg' }]);
const view = { folder: photos.info, files: photos.files };
const files = fileRows(photos.files, 'en');
const both = { permissions: yes, folderPermissions: yes };

describe('aclScopeFor', () => {
  it('in a folder: the folder (asked for, or no file selected), the one file, the files', () => {
    expect(aclScopeFor(files, 'photos', view, both, true)).toEqual({ kind: 'folder', folder: photos.info, files: photos.files });
    expect(aclScopeFor([], 'photos', view, both, false)).toEqual({ kind: 'folder', folder: photos.info, files: photos.files });
    expect(aclScopeFor(files.slice(0, 1), 'photos', view, both, false)).toEqual({ kind: 'file', file: photos.files[0] });
    expect(aclScopeFor(files, 'photos', view, both, false)).toEqual({ kind: 'files', folder: 'photos', files: photos.files });
  });

  it('at the top level: one folder selected, and only that', () => {
    const rows = folderRows([photos.info, folder('docs', ME.userId).info], 'en');
    expect(aclScopeFor(rows.slice(0, 1), null, undefined, both, false)).toEqual({ kind: 'folder', folder: photos.info });
    expect(aclScopeFor(rows, null, undefined, both, false)).toBeNull();
  });

  it('nothing where the access lists rule it out', () => {
    expect(aclScopeFor(files, 'photos', view, { permissions: no, folderPermissions: yes }, false)).toBeNull();
    expect(aclScopeFor(files, 'photos', view, { permissions: yes, folderPermissions: no }, true)).toBeNull();
    expect(aclScopeFor(folderRows([photos.info], 'en'), null, undefined, { permissions: no, folderPermissions: yes }, false)).toBeNull();
  });
});
