// The library could not be read at all (no folder list yet): the reason, a retry, and the account's settings when
// the reason is in them.
import { useTranslation } from '../../i18n';
import { messageOf, UiError } from '../../bridge';
import { useAppStore } from '../../store/app-store';

export function LibraryLoadError({ accountId, error, onRetry }: { accountId: string; error: unknown; onRetry: () => void }) {
  const navigate = useAppStore((s) => s.navigate);
  const { t } = useTranslation(['library', 'common']);
  const code = error instanceof UiError ? error.code : 'internal';
  return (
    <div className="library-panel">
      <div className="banner bad" role="alert">
        <p>{t('loadError.text', { error: messageOf(error) })}</p>
        <div className="actions">
          <button type="button" onClick={onRetry}>{t('common:action.retry')}</button>
          {code === 'config' || code === 'unauthorized' ? (
            <button type="button" onClick={() => navigate({ view: 'account-edit', accountId })}>{t('loadError.editAccount')}</button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
