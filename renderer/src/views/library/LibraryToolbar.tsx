// The library's bar: where you are (breadcrumbs), the name filter, and the actions for the selection. An action
// the account's access lists rule out is disabled, and the reason is shown under the bar and read with the button.
import { useId, useRef } from 'react';
import { useTranslation } from '../../i18n';
import { combinedReasons, type ActionState, type LibraryActions } from './access';


interface LibraryToolbarProps {
  domain: string;
  current: string | null;
  filter: string;
  onFilter: (text: string) => void;
  onGoUp: () => void;
  onIntoGrid: () => void;
  actions: LibraryActions;
  onUpload: (files: File[]) => void;
  onDownload: () => void;
  onPermissions: (forFolder: boolean) => void;
  onNewFolder: () => void;
  onDelete: () => void;
  detailsOpen: boolean;
  onToggleDetails: () => void;
  modKey: string;
  refreshing: boolean;
  onRefresh: () => void;
}

export function LibraryToolbar(props: LibraryToolbarProps) {
  const { domain, current, actions } = props;
  const { t } = useTranslation('library');
  const fileInput = useRef<HTMLInputElement>(null);
  const whyId = useId();
  const all: ActionState[] = [actions.upload, actions.download, actions.folderPermissions, actions.permissions, actions.delete];
  const reasons = combinedReasons(all);
  const button = (text: string, state: ActionState, onClick: () => void, className?: string) => (
    <button type="button" className={className} disabled={!state.enabled} title={state.reason ?? undefined} aria-describedby={state.reason ? whyId : undefined} onClick={onClick}>
      {text}
    </button>
  );
  return (
    <div className="lib-bar">
      <nav className="crumbs" aria-label={t('toolbar.location')}>
        <ol>
          <li>
            {current ? (
              <button type="button" className="link crumb" onClick={props.onGoUp} title={t('toolbar.backToFolders')}>{domain}</button>
            ) : (
              <span className="crumb" aria-current="page">{domain}</span>
            )}
          </li>
          {current ? (
            <li>
              <span className="crumb" aria-current="page" title={current}>{current}</span>
            </li>
          ) : null}
        </ol>
      </nav>
      <div className="actions">
        <input
          type="search"
          className="lib-filter"
          aria-label={t('toolbar.filter')}
          placeholder={t('toolbar.filter')}
          value={props.filter}
          onChange={(e) => props.onFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'Enter') {
              e.preventDefault();
              props.onIntoGrid();
            }
          }}
        />
        {current ? (
          <>
            {button(t('toolbar.upload'), actions.upload, () => fileInput.current?.click())}
            {button(t('toolbar.download'), actions.download, props.onDownload)}
            {button(t('toolbar.folderPermissions'), actions.folderPermissions, () => props.onPermissions(true))}
            {button(t('toolbar.filePermissions'), actions.permissions, () => props.onPermissions(false))}
          </>
        ) : (
          <>
            <button type="button" onClick={props.onNewFolder}>{t('toolbar.newFolder')}</button>
            {button(t('toolbar.permissions'), actions.permissions, () => props.onPermissions(false))}
          </>
        )}
        {button(t('toolbar.delete'), actions.delete, props.onDelete, 'danger')}
        <button type="button" aria-pressed={props.detailsOpen} onClick={props.onToggleDetails} title={`${props.modKey}I`}>{t('toolbar.details')}</button>
        <button type="button" onClick={props.onRefresh} disabled={props.refreshing}>{t('toolbar.refresh')}</button>
      </div>
      {reasons.length > 0 ? (
        <p id={whyId} className="subtle lib-why" data-testid="lib-why">
          {reasons.reduce((first, next) => t('sentences', { first, next }))}
        </p>
      ) : null}
      <input
        ref={fileInput}
        type="file"
        multiple
        accept="image/jpeg,video/mp4"
        hidden
        data-testid="lib-file-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length > 0) props.onUpload(files);
        }}
      />
    </div>
  );
}
