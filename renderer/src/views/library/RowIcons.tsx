// The small pictures of the table: a file's thumbnail (images only, asked for only while its row is on screen), a
// kind icon for everything else and for a thumbnail that cannot be had, and the lock of the access column.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { LIBRARY_THUMBNAIL_MAX_BYTES } from '../../../../main/common/methods/library';
import { call } from '../../bridge';
import { KindIcon as SharedKindIcon, type IconKind } from '../../components/KindIcon';
import { fileType, type Row } from './format';
import { libraryKeys } from './queries';

export type RowKind = IconKind;

export function rowKind(row: Row): RowKind {
  if (row.kind === 'folder') return 'folder';
  return fileType(row.item).preview ?? 'file';
}

export function KindIcon({ kind }: { kind: RowKind }) {
  return <SharedKindIcon kind={kind} className="lib-icon" />;
}

export function LockIcon() {
  return (
    <svg className="lib-lock" viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2 M3 7h10v7.5H3z" />
    </svg>
  );
}

/** Whether a row gets a thumbnail: an image small enough by its listed size (main caps the bytes as well). */
export function wantsThumbnail(row: Row): boolean {
  return row.kind === 'file' && rowKind(row) === 'image' && !row.item.voicemail && (row.size === undefined || row.size <= LIBRARY_THUMBNAIL_MAX_BYTES);
}

interface RowPictureProps {
  accountId: string;
  row: Row;
  /** The row is on screen (not only rendered ahead of the scroll) and the list is not being scrolled. */
  onScreen: boolean;
  /** This account may read the file (a thumbnail of a file it cannot read would only be refused). */
  readable: boolean;
}

/** The thumbnail of an image row once its row has been on screen, the kind icon until then or when it fails. */
export function RowPicture({ accountId, row, onScreen, readable }: RowPictureProps) {
  const kind = rowKind(row);
  const wanted = readable && wantsThumbnail(row);
  const [failed, setFailed] = useState(false);
  const folder = row.kind === 'file' ? row.item.folder : '';
  const link = useQuery({
    // Under the folder's key: a change in the folder (an upload over the file) asks for a new link.
    queryKey: [...libraryKeys.folder(accountId, folder), 'thumbnail', row.name],
    queryFn: () => call('library.mediaUrl', { accountId, folder, file: row.name, thumbnail: true }),
    enabled: wanted && onScreen && !failed,
    // The link stays good for half an hour in main: a row scrolled back into view does not ask again.
    staleTime: 20 * 60 * 1000,
    gcTime: 20 * 60 * 1000,
    retry: false,
  });
  const url = link.data?.url;
  if (!wanted || failed || link.isError || !url || !onScreen) return <KindIcon kind={kind} />;
  return <img className="lib-thumb" src={url} alt="" width={24} height={24} decoding="async" data-testid="lib-thumb" onError={() => setFailed(true)} />;
}
