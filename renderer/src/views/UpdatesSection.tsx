// Settings → Updates: the desktop app's own updates (check, what is new, download with progress, install on the
// user's word). The browser host has none: main answers that the desktop app handles them.
import { useEffect, useState } from 'react';
import type { UpdateStatus } from '../../../main/common/contract';
import { call, messageOf } from '../bridge';
import { errorText, i18n, useTranslation } from '../i18n';
import { useAppStore } from '../store/app-store';

function describe(status: UpdateStatus): string {
  switch (status.state) {
    case 'idle':
      return i18n.t('settings:updates.idle');
    case 'checking':
      return i18n.t('settings:updates.checking');
    case 'up-to-date':
      return i18n.t('settings:updates.upToDate', { version: status.version });
    case 'available':
      return i18n.t('settings:updates.available', { version: status.version });
    case 'downloading':
      return i18n.t('settings:updates.downloading', { version: status.version, percent: status.percent });
    case 'downloaded':
      return i18n.t('settings:updates.downloaded', { version: status.version });
    case 'error':
      return errorText(status);
  }
}

export function UpdatesSection() {
  const status = useAppStore((s) => s.updates);
  const [error, setError] = useState<string>();
  const { t } = useTranslation('settings');
  useEffect(() => {
    call('updates.status', {}).then((updates) => useAppStore.setState({ updates }), () => {});
  }, []);
  const run = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const notes = status.state === 'available' || status.state === 'downloaded' ? status.releaseNotes : null;
  return (
    <fieldset>
      <legend>{t('updates.legend')}</legend>
      <p className={status.state === 'error' ? 'banner warn' : 'subtle'} role="status">{describe(status)}</p>
      {status.state === 'downloading' ? <progress max={100} value={status.percent} aria-label={t('updates.progress')} /> : null}
      {notes ? (
        <details open>
          <summary>{t('updates.notes')}</summary>
          <p className="release-notes">{notes}</p>
        </details>
      ) : null}
      {error ? <p className="banner bad" role="alert">{error}</p> : null}
      <div className="form-actions">
        <button type="button" disabled={status.state === 'checking' || status.state === 'downloading'} onClick={() => void run(() => call('updates.check', {}))}>{t('updates.check')}</button>
        {status.state === 'available' ? <button type="button" onClick={() => void run(() => call('updates.download', {}))}>{t('updates.download')}</button> : null}
        {status.state === 'downloaded' ? <button type="button" className="primary" onClick={() => void run(() => call('updates.install', {}))}>{t('updates.install')}</button> : null}
      </div>
    </fieldset>
  );
}
