import { useTranslation } from '../../i18n';
import { messageOf, UiError } from '../../bridge';

/**
 * An error as Twilio gave it: its message (which names Twilio's code), the HTTP status, and Twilio's documentation
 * link for the code, opened in the user's browser.
 */
export function TwilioError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation(['twilio', 'common']);
  if (error === undefined || error === null) return null;
  const details = error instanceof UiError ? error.details : undefined;
  return (
    <div className="banner bad twilio-error" role="alert">
      <span>
        {messageOf(error)}
        {details?.status ? <span className="twilio-error-status"> {t('error.status', { status: details.status })}</span> : null}
      </span>
      <span className="twilio-error-actions">
        {details?.moreInfo ? (
          // A real link: the browser host opens a tab, Electron's window-open handler hands it to the OS browser.
          <a href={details.moreInfo} target="_blank" rel="noopener noreferrer">
            {details.remoteCode !== undefined ? t('error.moreAboutCode', { code: details.remoteCode }) : t('error.moreAbout')}
          </a>
        ) : null}
        {onRetry ? (
          <button type="button" className="small" onClick={onRetry}>
            {t('common:action.retry')}
          </button>
        ) : null}
      </span>
    </div>
  );
}
