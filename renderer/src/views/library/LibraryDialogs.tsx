// The library's dialogs, one at a time: which is open and what it was opened with. Closing any of them (Escape,
// Cancel, done) hands the focus back to the table's active row through the panel's onClose.
import type { FolderGrant } from '../../../../main/common/contract';
import type { LibraryFileInfo, LibraryFolderInfo, LibraryWhoami } from '../../../../main/common/methods/library';
import { AclEditor, type AclScope } from './AclEditor';
import type { LibraryActions } from './access';
import { DeleteFilesDialog, DeleteFoldersDialog, type FolderToDelete } from './deleting';
import { ConflictDialog, type ConflictDecision } from '../../components/ConflictDialog';
import { DownloadFolderDialog, NewFolderDialog } from './dialogs';
import type { Row } from './format';

export type Dialog =
  | { kind: 'newFolder' }
  | { kind: 'deleteFiles'; folder: string; files: LibraryFileInfo[] }
  | { kind: 'deleteFolders'; folders: FolderToDelete[]; loading: boolean }
  | { kind: 'downloadFolder'; folder: string; files: LibraryFileInfo[]; grant: FolderGrant }
  | { kind: 'conflict'; names: string[]; where: string; resolve(decisions: Map<string, ConflictDecision> | null): void }
  | { kind: 'acl'; scope: AclScope };

/**
 * What the access-list editor opens on: in a folder, the folder itself (`forFolder`, or no file selected), the one
 * file or the files selected; at the top level, the one folder selected. Null when the access lists rule it out.
 */
export function aclScopeFor(
  targets: readonly Row[],
  current: string | null,
  view: { folder: LibraryFolderInfo; files: readonly LibraryFileInfo[] } | undefined,
  actions: Pick<LibraryActions, 'permissions' | 'folderPermissions'>,
  forFolder: boolean,
): AclScope | null {
  if (current !== null && view) {
    if (forFolder ? !actions.folderPermissions.enabled : !actions.permissions.enabled) return null;
    const files = targets.flatMap((r) => (r.kind === 'file' ? [r.item] : []));
    if (forFolder || files.length === 0) return { kind: 'folder', folder: view.folder, files: view.files };
    if (files.length === 1 && files[0]) return { kind: 'file', file: files[0] };
    return { kind: 'files', folder: current, files };
  }
  const folder = targets[0];
  return targets.length === 1 && folder?.kind === 'folder' && actions.permissions.enabled ? { kind: 'folder', folder: folder.item } : null;
}

interface LibraryDialogsProps {
  dialog: Dialog | null;
  accountId: string;
  me: LibraryWhoami | null;
  folders: readonly LibraryFolderInfo[];
  openFolder: LibraryFolderInfo | null;
  knownUsers: readonly string[];
  onClose: () => void;
  onCreateFolder: (name: string) => Promise<string | null>;
  onDeleteFiles: (folder: string, files: LibraryFileInfo[]) => void;
  onDeleteFolders: (list: FolderToDelete[]) => void;
  onDownloadInto: (folder: string, files: LibraryFileInfo[], grant: FolderGrant) => Promise<string | null>;
}

export function LibraryDialogs({ dialog, accountId, me, folders, openFolder, knownUsers, onClose, ...act }: LibraryDialogsProps) {
  switch (dialog?.kind) {
    case 'newFolder':
      return <NewFolderDialog existing={new Set(folders.map((f) => f.name))} onCancel={onClose} onCreate={act.onCreateFolder} />;
    case 'deleteFiles':
      return <DeleteFilesDialog folder={dialog.folder} files={dialog.files} onCancel={onClose} onConfirm={() => act.onDeleteFiles(dialog.folder, dialog.files)} />;
    case 'deleteFolders':
      return <DeleteFoldersDialog folders={dialog.folders} loading={dialog.loading} onCancel={onClose} onConfirm={act.onDeleteFolders} />;
    case 'downloadFolder':
      return <DownloadFolderDialog count={dialog.files.length} folder={dialog.grant.path} onCancel={onClose} onChoose={() => act.onDownloadInto(dialog.folder, dialog.files, dialog.grant)} />;
    case 'conflict':
      return <ConflictDialog names={dialog.names} where={dialog.where} onDone={(d) => dialog.resolve(d)} onCancel={() => dialog.resolve(null)} />;
    case 'acl':
      return me ? <AclEditor accountId={accountId} me={me} scope={dialog.scope} folder={openFolder} knownUsers={knownUsers} onClose={onClose} /> : null;
    default:
      return null;
  }
}
