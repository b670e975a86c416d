import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { LANGUAGE_NAMES, LANGUAGES, type LanguageChoice } from '../../../main/common/i18n/languages';
import type { Settings } from '../../../main/common/contract';
import { call, messageOf } from '../bridge';
import { Field } from '../components/Field';
import { errorText, systemLanguage, Trans, useTranslation } from '../i18n';
import { saveSettings, useSettings } from '../query/settings';
import { useAppStore } from '../store/app-store';
import { DownloadFoldersSection } from './DownloadFoldersSection';
import { DownloadNamesSection } from './DownloadNamesSection';
import { NetworkSection } from './NetworkSection';
import { SandboxSection } from './SandboxSection';
import { UpdatesSection } from './UpdatesSection';

/** The browser host's command-line option that sets the Downloads folder, as typed. */
const DOWNLOADS_OPTION = '--downloads FOLDER';

export function SettingsView() {
  const client = useQueryClient();
  const settings = useSettings();
  const info = useAppStore((s) => s.info);
  const [error, setError] = useState<string>();
  const { t } = useTranslation(['settings', 'common']);
  if (!settings || !info) return null;

  const update = async (patch: Partial<Settings>): Promise<boolean> => {
    setError(undefined);
    try {
      await saveSettings(client, patch);
      if (patch.persistSecretsWithoutKeyring !== undefined) useAppStore.setState({ info: await call('app.info', {}) });
      return true;
    } catch (err) {
      setError(messageOf(err));
      return false;
    }
  };
  const storage = info.secureStorage;
  const canOptIn = info.host === 'electron' && (storage.backend === 'memory' || storage.backend === 'basic_text');

  return (
    <section className="view" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('title')}</h1>
      {error ? <p className="banner bad" role="alert">{error}</p> : null}
      <div className="form">
        <Field label={t('common:language.label')} hint={t('common:language.hint')}>
          {(a11y) => (
            <select {...a11y} value={settings.language} onChange={(e) => void update({ language: e.target.value as LanguageChoice })}>
              <option value="system">{t('common:language.system', { language: LANGUAGE_NAMES[systemLanguage()] })}</option>
              {LANGUAGES.map((language) => (
                <option key={language} value={language} lang={language}>{LANGUAGE_NAMES[language]}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('appearance.label')}>
          {(a11y) => (
            <select {...a11y} value={settings.theme} onChange={(e) => void update({ theme: e.target.value as Settings['theme'] })}>
              <option value="system">{t('appearance.system')}</option>
              <option value="light">{t('appearance.light')}</option>
              <option value="dark">{t('appearance.dark')}</option>
            </select>
          )}
        </Field>
        <Field label={t('concurrency.label')} hint={t('concurrency.hint')}>
          {(a11y) => (
            <input {...a11y} type="number" min={1} max={16} value={settings.concurrency} onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1 && n <= 16) void update({ concurrency: n });
            }} />
          )}
        </Field>
        <SandboxSection enabled={settings.sandboxEnabled} url={info.sandboxUrl} onEnabledChange={(sandboxEnabled) => void update({ sandboxEnabled })} />
        <fieldset>
          <legend>{t('secrets.legend')}</legend>
          <p className={storage.persistent ? 'subtle' : 'banner warn'}>{errorText({ message: storage.description, phrase: storage.descriptionPhrase })}</p>
          {canOptIn ? (
            <label className="check">
              <input type="checkbox" checked={settings.persistSecretsWithoutKeyring} onChange={(e) => void update({ persistSecretsWithoutKeyring: e.target.checked })} />
              {t('secrets.weak')}
            </label>
          ) : null}
        </fieldset>
        <DownloadNamesSection pattern={settings.twilioFileNamePattern} />
        <DownloadFoldersSection folders={settings.downloadFolders} host={info.host} />
        <NetworkSection saved={settings.proxy} host={info.host} onSave={(proxy) => update({ proxy })} />
        {info.host === 'electron' ? <UpdatesSection /> : null}
        <dl className="details">
          <div className="details-row"><dt>{t('about.version')}</dt><dd>{info.version}</dd></div>
          <div className="details-row"><dt>{t('about.runningAs')}</dt><dd>{t(info.host === 'electron' ? 'about.desktop' : 'about.browser', { platform: info.platform })}</dd></div>
          <div className="details-row"><dt>{t('about.dataFolder')}</dt><dd className="mono">{info.dataDir}</dd></div>
          {info.downloadFolder !== null ? (
            <div className="details-row">
              <dt>{t('about.downloadsFolder')}</dt>
              <dd>
                <span className="mono">{info.downloadFolder}</span>
                <span className="subtle">
                  <Trans t={t} i18nKey="about.downloadsFolderHint" values={{ option: DOWNLOADS_OPTION }} components={{ option: <span style={{ whiteSpace: 'nowrap' }} /> }} />
                </span>
              </dd>
            </div>
          ) : null}
        </dl>
      </div>
    </section>
  );
}
