// The details of the selected folder or file: every property the library gives, who may read and write it in
// plain words, and a preview (image, video, or the voicemail played) streamed through the app's media URL.
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { canAccess, canAccessFile, effectiveAcl, hasOwnAcl, summarizeAcl, type Acl } from '../../../../main/common/library-acl';
import type { LibraryFileInfo, LibraryFolderInfo, LibraryWhoami } from '../../../../main/common/methods/library';
import { call, messageOf } from '../../bridge';
import { PersonName } from '../../components/PersonName';
import { useDisplayNames, type DisplayNames } from '../../query/address-book';
import type { ActionState } from './access';
import { fileType, formatDate, formatSize, plural, type Row } from './format';
import { libraryKeys } from './queries';

function Prop({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className="details-row">
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A person or application by name, its id under it: the details are where ids stay visible. */
function Principal({ id, names, mark }: { id: string; names: DisplayNames; mark?: string | undefined }) {
  return (
    <>
      <PersonName id={id} names={names} mark={mark} fullId />
      {names.known(id) ? <span className="mono subtle principal-id">{id}</span> : null}
    </>
  );
}

function IdList({ ids, me, names, mark }: { ids: readonly string[]; me?: string | undefined; names: DisplayNames; mark: string }) {
  if (ids.length === 0) return <span className="subtle">none</span>;
  return (
    <ul className="id-list">
      {ids.map((id) => (
        <li key={id}>
          <Principal id={id} names={names} mark={id === me ? mark : undefined} />
        </li>
      ))}
    </ul>
  );
}

function AclProps({ acl, me, names }: { acl: Acl; me: LibraryWhoami | null; names: DisplayNames }) {
  return (
    <>
      <Prop name="Read users"><IdList ids={acl.readUsers} me={me?.userId} names={names} mark="(you)" /></Prop>
      <Prop name="Read apps"><IdList ids={acl.readApps} me={me?.appId} names={names} mark="(this app)" /></Prop>
      <Prop name="Write users"><IdList ids={acl.writeUsers} me={me?.userId} names={names} mark="(you)" /></Prop>
      <Prop name="Write apps"><IdList ids={acl.writeApps} me={me?.appId} names={names} mark="(this app)" /></Prop>
    </>
  );
}

function CreatedBy({ id, mine, names, mark }: { id: string | undefined; mine: boolean; names: DisplayNames; mark: string }) {
  return id ? <Principal id={id} names={names} mark={mine ? mark : undefined} /> : <span className="mono">—</span>;
}

function Preview({ accountId, file }: { accountId: string; file: LibraryFileInfo }) {
  const kind = fileType(file).preview;
  const link = useQuery({
    queryKey: [...libraryKeys.folder(accountId, file.folder), 'media', file.name],
    queryFn: () => call('library.mediaUrl', { accountId, folder: file.folder, file: file.name }),
    enabled: kind !== null,
    // The link is short-lived: a new one each time the preview opens.
    staleTime: 0,
    gcTime: 0,
  });
  const state = { url: link.data?.url, error: link.error ? messageOf(link.error) : undefined };
  if (!kind) return <p className="subtle preview-none">No preview for this type of file. Download it to open it.</p>;
  if (state.error) return <p className="banner bad" role="alert">The preview could not be loaded: {state.error}</p>;
  if (!state.url) return <p className="subtle preview-loading" role="status">Loading the preview…</p>;
  if (kind === 'image') return <img className="preview" src={state.url} alt={`Preview of ${file.name}`} data-testid="preview-image" />;
  if (kind === 'video') {
    return (
      <video className="preview" src={state.url} controls preload="metadata" aria-label={`Video ${file.name}`} data-testid="preview-video">
        <track kind="captions" />
      </video>
    );
  }
  return (
    <div className="preview-audio">
      {file.voicemail ? <p className="subtle">Voicemail{file.dest ? ` to ${file.dest}` : ''}{file.startTime ? `, ${formatDate(file.startTime)}` : ''}</p> : null}
      <audio src={state.url} controls preload="metadata" aria-label={file.voicemail ? `Voicemail ${file.name}` : `Audio ${file.name}`} data-testid="preview-audio" />
    </div>
  );
}

interface DetailsPanelProps {
  accountId: string;
  me: LibraryWhoami | null;
  /** The rows selected (the details are of the one, or a summary of several). */
  rows: readonly Row[];
  /** When showing files: their folder, for the list they follow. */
  folder: LibraryFolderInfo | null;
  onClose: () => void;
  onOpenFolder: (name: string) => void;
  /** What the access lists allow for these rows (the same as the bar's buttons). */
  actions: { download: ActionState; permissions: ActionState; delete: ActionState };
  onDownload: () => void;
  onPermissions: () => void;
  onDelete: () => void;
}

function Action({ text, state, onClick, danger }: { text: string; state: ActionState; onClick: () => void; danger?: boolean }) {
  return (
    <button type="button" className={danger ? 'danger' : undefined} disabled={!state.enabled} title={state.reason ?? undefined} onClick={onClick}>
      {text}
    </button>
  );
}

export function DetailsPanel({ accountId, me, rows, folder, actions, onClose, onOpenFolder, onDownload, onPermissions, onDelete }: DetailsPanelProps) {
  const names = useDisplayNames();
  const header = (title: string) => (
    <div className="details-head">
      <h2 id="lib-details-title" className="details-title" title={title}>{title}</h2>
      <button type="button" className="small" onClick={onClose} aria-label="Close the details">Close</button>
    </div>
  );
  if (rows.length === 0) {
    return (
      <aside className="lib-details" aria-labelledby="lib-details-title">
        {header('Details')}
        <p className="subtle">Select a folder or a file to see its details.</p>
      </aside>
    );
  }
  if (rows.length > 1) {
    const files = rows.filter((r) => r.kind === 'file');
    const total = files.reduce((sum, r) => sum + (r.size ?? 0), 0);
    return (
      <aside className="lib-details" aria-labelledby="lib-details-title">
        {header(`${rows.length.toLocaleString()} selected`)}
        <dl className="details">
          <Prop name="Selected">{files.length === rows.length ? plural(files.length, 'file') : plural(rows.length, 'folder')}</Prop>
          {files.length > 0 ? <Prop name="Total size">{formatSize(total)}</Prop> : null}
        </dl>
        <div className="actions">
          {files.length === rows.length ? <Action text="Download…" state={actions.download} onClick={onDownload} /> : null}
          {files.length === rows.length ? <Action text="Permissions…" state={actions.permissions} onClick={onPermissions} /> : null}
          <Action text="Delete…" state={actions.delete} onClick={onDelete} danger />
        </div>
      </aside>
    );
  }
  const row = rows[0] as Row;
  const item = row.item;
  const creator = item.createdBy;
  if (row.kind === 'folder') {
    const summary = summarizeAcl(item.acl, creator, names.name);
    const mine = me ? { read: canAccess(item, 'read', me.userId, me.appId), write: canAccess(item, 'write', me.userId, me.appId) } : null;
    return (
      <aside className="lib-details" aria-labelledby="lib-details-title">
        {header(row.name)}
        <div className="actions">
          <button type="button" className="primary" onClick={() => onOpenFolder(row.name)}>Open</button>
          <Action text="Permissions…" state={actions.permissions} onClick={onPermissions} />
          <Action text="Delete…" state={actions.delete} onClick={onDelete} danger />
        </div>
        <dl className="details">
          <Prop name="Name"><span className="mono">{row.name}</span></Prop>
          <Prop name="Id"><span className="mono">{item.id}</span></Prop>
          <Prop name="Type">Folder</Prop>
          <Prop name="Created on">{formatDate(item.createdOn)}</Prop>
          <Prop name="Created by"><CreatedBy id={creator} mine={Boolean(me) && creator === me?.userId} names={names} mark="(you)" /></Prop>
          <Prop name="Created with"><CreatedBy id={item.createdWith} mine={Boolean(me) && item.createdWith === me?.appId} names={names} mark="(this app)" /></Prop>
          <Prop name="Who can read">{summary.read}</Prop>
          <Prop name="Who can write">{summary.write}</Prop>
          {mine ? <Prop name="Your access">{accessWords(mine)}</Prop> : null}
          <AclProps acl={item.acl} me={me} names={names} />
        </dl>
      </aside>
    );
  }
  const file = row.item;
  const own = hasOwnAcl(file.acl);
  const governing = effectiveAcl(file, folder);
  const summary = summarizeAcl(governing, creator, names.name);
  const mine = me ? { read: canAccessFile(file, folder, 'read', me.userId, me.appId), write: canAccessFile(file, folder, 'write', me.userId, me.appId) } : null;
  return (
    <aside className="lib-details" aria-labelledby="lib-details-title">
      {header(row.name)}
      <div className="preview-box">
        {mine && !mine.read ? (
          <p className="subtle preview-none" data-testid="preview-refused">No preview: its access list no longer lets you read this file.</p>
        ) : (
          <Preview accountId={accountId} file={file} />
        )}
      </div>
      <div className="actions">
        <Action text="Download…" state={actions.download} onClick={onDownload} />
        <Action text="Permissions…" state={actions.permissions} onClick={onPermissions} />
        <Action text="Delete…" state={actions.delete} onClick={onDelete} danger />
      </div>
      <dl className="details">
        <Prop name="Name"><span className="mono">{file.name}</span></Prop>
        <Prop name="Id"><span className="mono">{file.id}</span></Prop>
        <Prop name="Folder"><span className="mono">{file.folder}</span></Prop>
        <Prop name="Type">{row.type}</Prop>
        <Prop name="Size">{file.size === undefined ? '—' : `${formatSize(file.size)} (${file.size.toLocaleString()} bytes)`}</Prop>
        <Prop name="Created on">{formatDate(file.createdOn)}</Prop>
        <Prop name="Created by"><CreatedBy id={creator} mine={Boolean(me) && creator === me?.userId} names={names} mark="(you)" /></Prop>
        <Prop name="Created with"><CreatedBy id={file.createdWith} mine={Boolean(me) && file.createdWith === me?.appId} names={names} mark="(this app)" /></Prop>
        {file.dest !== undefined ? <Prop name="Called number">{file.dest}</Prop> : null}
        {file.startTime !== undefined ? <Prop name="Call started">{formatDate(file.startTime)}</Prop> : null}
        <Prop name="Access list">{own ? 'Its own' : "None of its own: it follows its folder's"}</Prop>
        <Prop name="Who can read">{summary.read}</Prop>
        <Prop name="Who can write">{summary.write}</Prop>
        {mine ? <Prop name="Your access">{accessWords(mine)}</Prop> : null}
        <AclProps acl={file.acl} me={me} names={names} />
      </dl>
    </aside>
  );
}

function accessWords(mine: { read: boolean; write: boolean }): string {
  if (mine.read && mine.write) return 'You can read and change it.';
  if (mine.read) return 'You can read it, not change it.';
  if (mine.write) return 'You can change it, not read it.';
  return 'You have no access.';
}
