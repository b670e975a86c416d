// The details of the selected folder or file: every property the library gives, who may read and write it in
// plain words, and a preview (image, video, or the voicemail played) streamed through the app's media URL.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { canAccess, canAccessFile, effectiveAcl, hasOwnAcl, type Acl } from '../../../../main/common/library-acl';
import type { LibraryFileInfo, LibraryFolderInfo, LibraryWhoami } from '../../../../main/common/methods/library';
import { call, messageOf } from '../../bridge';
import { PersonName } from '../../components/PersonName';
import { keepTabInside } from '../../hooks/focus-trap';
import { useFormats, useTranslation } from '../../i18n';
import { useDisplayNames, type DisplayNames } from '../../query/address-book';
import type { ActionState } from './access';
import { fileType, sizeText, type Row } from './format';
import { libraryKeys } from './queries';
import { useAclSummary } from './useAclSummary';

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
  const { t } = useTranslation(['library', 'common']);
  if (ids.length === 0) return <span className="subtle">{t('details.none')}</span>;
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
  const { t } = useTranslation(['library', 'common']);
  return (
    <>
      <Prop name={t('details.readUsers')}><IdList ids={acl.readUsers} me={me?.userId} names={names} mark={t('mark.you')} /></Prop>
      <Prop name={t('details.readApps')}><IdList ids={acl.readApps} me={me?.appId} names={names} mark={t('mark.thisApp')} /></Prop>
      <Prop name={t('details.writeUsers')}><IdList ids={acl.writeUsers} me={me?.userId} names={names} mark={t('mark.you')} /></Prop>
      <Prop name={t('details.writeApps')}><IdList ids={acl.writeApps} me={me?.appId} names={names} mark={t('mark.thisApp')} /></Prop>
    </>
  );
}

function CreatedBy({ id, mine, names, mark }: { id: string | undefined; mine: boolean; names: DisplayNames; mark: string }) {
  return id ? <Principal id={id} names={names} mark={mine ? mark : undefined} /> : <span className="mono">—</span>;
}

function Preview({ accountId, file }: { accountId: string; file: LibraryFileInfo }) {
  const { t } = useTranslation(['library', 'common']);
  const f = useFormats();
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
  if (!kind) return <p className="subtle preview-none">{t('preview.none')}</p>;
  if (state.error) return <p className="banner bad" role="alert">{t('preview.failed', { error: state.error })}</p>;
  if (!state.url) return <p className="subtle preview-loading" role="status">{t('preview.loading')}</p>;
  if (kind === 'image') return <img className="preview" src={state.url} alt={t('preview.imageOf', { name: file.name })} data-testid="preview-image" />;
  if (kind === 'video') {
    return (
      <video className="preview" src={state.url} controls preload="metadata" aria-label={t('preview.video', { name: file.name })} data-testid="preview-video">
        <track kind="captions" />
      </video>
    );
  }
  return (
    <div className="preview-audio">
      {file.voicemail ? <p className="subtle">{voicemailLine(t, file, f.dateTime(file.startTime))}</p> : null}
      <audio src={state.url} controls preload="metadata" aria-label={file.voicemail ? t('preview.voicemail', { name: file.name }) : t('preview.audio', { name: file.name })} data-testid="preview-audio" />
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

/**
 * Whether the panel lies over the table rather than beside it: library.css takes it out of the flow in a narrow
 * window (fixed beside the sidebar, absolute under the compact bar).
 */
function isOverlay(panel: HTMLElement): boolean {
  const position = getComputedStyle(panel).position;
  return position === 'fixed' || position === 'absolute';
}

/**
 * The panel itself. Escape inside it closes it (the focus goes back to the table's row). In a narrow window it opens
 * over the table: the focus moves into it then and Tab keeps it there, or the keyboard would reach rows it covers.
 * Beside the table it leaves the focus where it was, so the arrows keep moving through the rows, and Tab goes on out.
 * The width is read at each key, and a window narrowed until the panel comes over the table moves the focus into it
 * as opening it there does (a modal dialog open meanwhile keeps it: the panel is inert behind it).
 */
function Frame({ onClose, children }: { onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const panel = ref.current;
    if (!panel) return;
    let over = isOverlay(panel);
    if (over) panel.focus();
    const resized = () => {
      const was = over;
      over = isOverlay(panel);
      if (over && !was && !panel.contains(document.activeElement)) panel.focus();
    };
    window.addEventListener('resize', resized);
    return () => window.removeEventListener('resize', resized);
  }, []);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const panel = ref.current;
    if (event.key === 'Tab' && panel && isOverlay(panel)) {
      keepTabInside(event, panel);
      return;
    }
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    event.stopPropagation();
    onClose();
  };
  return (
    <aside ref={ref} className="lib-details" aria-labelledby="lib-details-title" tabIndex={-1} onKeyDown={onKeyDown} data-testid="lib-details">
      {children}
    </aside>
  );
}

export function DetailsPanel({ accountId, me, rows, folder, actions, onClose, onOpenFolder, onDownload, onPermissions, onDelete }: DetailsPanelProps) {
  const { t } = useTranslation(['library', 'common']);
  const f = useFormats();
  const names = useDisplayNames();
  const summarize = useAclSummary(names.name);
  const header = (title: string) => (
    <div className="details-head">
      <h2 id="lib-details-title" className="details-title" title={title}>{title}</h2>
      <button type="button" className="small" onClick={onClose} aria-label={t('details.closeLabel')}>{t('common:action.close')}</button>
    </div>
  );
  if (rows.length === 0) {
    return (
      <Frame onClose={onClose}>
        {header(t('details.title'))}
        <p className="subtle">{t('details.nothingSelected')}</p>
      </Frame>
    );
  }
  if (rows.length > 1) {
    const files = rows.filter((r) => r.kind === 'file');
    const total = files.reduce((sum, r) => sum + (r.size ?? 0), 0);
    return (
      <Frame onClose={onClose}>
        {header(t('status.selected', { count: rows.length }))}
        <dl className="details">
          <Prop name={t('details.selected')}>{files.length === rows.length ? t('count.files', { count: files.length }) : t('count.folders', { count: rows.length })}</Prop>
          {files.length > 0 ? <Prop name={t('details.totalSize')}>{sizeText(f, total)}</Prop> : null}
        </dl>
        <div className="actions">
          {files.length === rows.length ? <Action text={t('toolbar.download')} state={actions.download} onClick={onDownload} /> : null}
          {files.length === rows.length ? <Action text={t('toolbar.permissions')} state={actions.permissions} onClick={onPermissions} /> : null}
          <Action text={t('toolbar.delete')} state={actions.delete} onClick={onDelete} danger />
        </div>
      </Frame>
    );
  }
  const row = rows[0] as Row;
  const item = row.item;
  const creator = item.createdBy;
  if (row.kind === 'folder') {
    const summary = summarize(item.acl, creator);
    const mine = me ? { read: canAccess(item, 'read', me.userId, me.appId), write: canAccess(item, 'write', me.userId, me.appId) } : null;
    return (
      <Frame onClose={onClose}>
        {header(row.name)}
        <div className="actions">
          <button type="button" className="primary" onClick={() => onOpenFolder(row.name)}>{t('details.open')}</button>
          <Action text={t('toolbar.permissions')} state={actions.permissions} onClick={onPermissions} />
          <Action text={t('toolbar.delete')} state={actions.delete} onClick={onDelete} danger />
        </div>
        <dl className="details">
          <Prop name={t('column.name')}><span className="mono">{row.name}</span></Prop>
          <Prop name={t('details.id')}><span className="mono">{item.id}</span></Prop>
          <Prop name={t('column.type')}>{row.type}</Prop>
          <Prop name={t('column.createdOn')}>{f.dateTime(item.createdOn)}</Prop>
          <Prop name={t('column.createdBy')}><CreatedBy id={creator} mine={Boolean(me) && creator === me?.userId} names={names} mark={t('mark.you')} /></Prop>
          <Prop name={t('column.createdWith')}><CreatedBy id={item.createdWith} mine={Boolean(me) && item.createdWith === me?.appId} names={names} mark={t('mark.thisApp')} /></Prop>
          <Prop name={t('details.whoCanRead')}>{summary.read}</Prop>
          <Prop name={t('details.whoCanWrite')}>{summary.write}</Prop>
          {mine ? <Prop name={t('details.yourAccess')}>{t(`details.access.${accessLevel(mine)}`)}</Prop> : null}
          <AclProps acl={item.acl} me={me} names={names} />
        </dl>
      </Frame>
    );
  }
  const file = row.item;
  const own = hasOwnAcl(file.acl);
  const governing = effectiveAcl(file, folder);
  const summary = summarize(governing, creator);
  const mine = me ? { read: canAccessFile(file, folder, 'read', me.userId, me.appId), write: canAccessFile(file, folder, 'write', me.userId, me.appId) } : null;
  return (
    <Frame onClose={onClose}>
      {header(row.name)}
      <div className="preview-box">
        {mine && !mine.read ? (
          <p className="subtle preview-none" data-testid="preview-refused">{t('preview.refused')}</p>
        ) : (
          <Preview accountId={accountId} file={file} />
        )}
      </div>
      <div className="actions">
        <Action text={t('toolbar.download')} state={actions.download} onClick={onDownload} />
        <Action text={t('toolbar.permissions')} state={actions.permissions} onClick={onPermissions} />
        <Action text={t('toolbar.delete')} state={actions.delete} onClick={onDelete} danger />
      </div>
      <dl className="details">
        <Prop name={t('column.name')}><span className="mono">{file.name}</span></Prop>
        <Prop name={t('details.id')}><span className="mono">{file.id}</span></Prop>
        <Prop name={t('details.folder')}><span className="mono">{file.folder}</span></Prop>
        <Prop name={t('column.type')}>{row.type}</Prop>
        <Prop name={t('column.size')}>{file.size === undefined ? '—' : t('details.sizeBytes', { size: f.bytes(file.size), count: file.size })}</Prop>
        <Prop name={t('column.createdOn')}>{f.dateTime(file.createdOn)}</Prop>
        <Prop name={t('column.createdBy')}><CreatedBy id={creator} mine={Boolean(me) && creator === me?.userId} names={names} mark={t('mark.you')} /></Prop>
        <Prop name={t('column.createdWith')}><CreatedBy id={file.createdWith} mine={Boolean(me) && file.createdWith === me?.appId} names={names} mark={t('mark.thisApp')} /></Prop>
        {file.dest !== undefined ? <Prop name={t('details.calledNumber')}>{file.dest}</Prop> : null}
        {file.startTime !== undefined ? <Prop name={t('details.callStarted')}>{f.dateTime(file.startTime)}</Prop> : null}
        <Prop name={t('details.accessList')}>{own ? t('details.ownList') : t('details.followsFolder')}</Prop>
        <Prop name={t('details.whoCanRead')}>{summary.read}</Prop>
        <Prop name={t('details.whoCanWrite')}>{summary.write}</Prop>
        {mine ? <Prop name={t('details.yourAccess')}>{t(`details.access.${accessLevel(mine)}`)}</Prop> : null}
        <AclProps acl={file.acl} me={me} names={names} />
      </dl>
    </Frame>
  );
}

function accessLevel(mine: { read: boolean; write: boolean }): 'full' | 'read' | 'write' | 'none' {
  if (mine.read && mine.write) return 'full';
  if (mine.read) return 'read';
  if (mine.write) return 'write';
  return 'none';
}

/** "Voicemail to +1…, 5 Dec 2026, 21:04": what the library says of the call, in one sentence. */
function voicemailLine(t: TFunction<'library'>, file: LibraryFileInfo, started: string): string {
  if (file.dest && file.startTime) return t('preview.voicemailToAt', { dest: file.dest, time: started });
  if (file.dest) return t('preview.voicemailTo', { dest: file.dest });
  if (file.startTime) return t('preview.voicemailAt', { time: started });
  return t('preview.voicemailLabel');
}
