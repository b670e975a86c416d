// The library's dialogs, one at a time: which is open and what it was opened with. Closing any of them (Escape,
// Cancel, done) hands the focus back to the table's active row through the panel's onClose.
import type { FolderGrant } from '../../../../main/common/contract';
import type { LibraryFileInfo, LibraryFolderInfo, LibraryWhoami } from '../../../../main/common/methods/library';
import { AclEditor, type AclScope } from './AclEditor';
import { DeleteFilesDialog, DeleteFoldersDialog, type FolderToDelete } from './deleting';
import { ConflictDialog, type ConflictDecision } from '../../components/ConflictDialog';
import { DownloadFolderDialog, NewFolderDialog } from './dialogs';

export type Dialog =
  | { kind: 'newFolder' }
  | { kind: 'deleteFiles'; folder: string; files: LibraryFileInfo[] }
  | { kind: 'deleteFolders'; folders: FolderToDelete[]; loading: boolean }
  | { kind: 'downloadFolder'; folder: string; files: LibraryFileInfo[]; grant: FolderGrant }
  | { kind: 'conflict'; names: string[]; where: string; resolve(decisions: Map<string, ConflictDecision> | null): void }
  | { kind: 'acl'; scope: AclScope };

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
