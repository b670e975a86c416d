// Said at the top of the content while the browser host cannot be reached, until it can again: one banner that
// stays (not a notice that piles up or leaves by itself), in an alert region that is always in the page, so a screen
// reader announces it when it appears without the focus moving. Electron's window never shows it.
import { hostConnection } from '../bridge';
import { Trans, useTranslation } from '../i18n';
import { useHost } from '../store/host-store';
import './host-banner.css';

export function HostBanner() {
  const state = useHost((s) => s.state);
  const { t } = useTranslation('shell');
  return (
    <div className="host-banner-slot" role="alert">
      {state === 'connected' ? null : (
        <section className="host-banner" aria-labelledby="host-banner-title" data-testid="host-banner">
          <h2 id="host-banner-title" className="host-banner-title">{t(state === 'gone' ? 'host.goneTitle' : 'host.signedOutTitle')}</h2>
          {state === 'gone' ? (
            <>
              <p>{t('host.goneBody', { address: location.host })}</p>
              <p>
                <Trans t={t} i18nKey="host.restart" values={{ port: location.port || '80' }} components={{ cmd: <code className="host-banner-command" /> }} />
              </p>
            </>
          ) : (
            <p>{t('host.signedOutBody')}</p>
          )}
          <button type="button" className="small" onClick={hostConnection.checkNow}>{t('host.checkNow')}</button>
        </section>
      )}
    </div>
  );
}
