// Settings: how downloaded Twilio media are named. The pattern is checked as it is typed, by the rule main applies
// when it is saved (main/common/file-name-pattern.ts), with a preview of the name a sample message's photo would get.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText, Trans, useTranslation } from '../i18n';
import {
  addressForFileName,
  checkFileNamePattern,
  DEFAULT_TWILIO_FILE_NAME_PATTERN,
  FILE_NAME_TOKENS,
  fileNameFromPattern,
} from '../../../main/common/file-name-pattern';
import { Field } from '../components/Field';
import { messageOf } from '../bridge';
import { saveSettings } from '../query/settings';

const SAMPLE = {
  date: '2026-12-05',
  time: '1503',
  from: addressForFileName('+15551234567'),
  to: addressForFileName('whatsapp:+15557654321'),
  messageSid: 'MM5c5d0123456789abcdef0123456789ab',
  mediaSid: 'ME9f8e0123456789abcdef0123456789ab',
  ext: '.jpg',
};

export function DownloadNamesSection({ pattern }: { pattern: string }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState(pattern);
  const [refused, setRefused] = useState<string>();
  const [saved, setSaved] = useState(false);
  const { t } = useTranslation('settings');
  const checked = checkFileNamePattern(draft);
  const problem = checked.ok ? refused : errorText({ message: '', phrase: checked.problem });

  const save = async (next: string) => {
    setRefused(undefined);
    setSaved(false);
    try {
      await saveSettings(client, { twilioFileNamePattern: next });
      setDraft(next);
      setSaved(true);
    } catch (err) {
      setRefused(messageOf(err));
    }
  };

  return (
    <fieldset>
      <legend>{t('names.legend')}</legend>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (checked.ok) void save(draft);
        }}
      >
        <Field
          label={t('names.pattern')}
          error={problem}
          hint={
            <>
              {t('names.tokens')}{' '}
              {FILE_NAME_TOKENS.map((token, i) => (
                <span key={token}>
                  {i > 0 ? t('names.tokenSeparator') : ''}
                  <code>{`{${token}}`}</code> {t(`names.token.${token}`)}
                </span>
              ))}
            </>
          }
        >
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              className="mono"
              spellCheck={false}
              value={draft}
              onChange={(e) => {
                setDraft(e.target.value);
                setRefused(undefined);
                setSaved(false);
              }}
            />
          )}
        </Field>
        <p className="hint" aria-live="polite">
          {checked.ok ? (
            <Trans t={t} i18nKey="names.example" values={{ name: fileNameFromPattern(checked.parts, SAMPLE) }} components={{ name: <span className="mono" /> }} />
          ) : (
            t('names.noExample')
          )}
        </p>
        <div className="actions">
          <button type="submit" className="primary" disabled={!checked.ok || draft === pattern}>
            {t('names.save')}
          </button>
          <button type="button" disabled={draft === DEFAULT_TWILIO_FILE_NAME_PATTERN && pattern === DEFAULT_TWILIO_FILE_NAME_PATTERN} onClick={() => void save(DEFAULT_TWILIO_FILE_NAME_PATTERN)}>
            {t('names.useDefault')}
          </button>
          {saved ? <span role="status" className="subtle">{t('names.saved')}</span> : null}
        </div>
      </form>
    </fieldset>
  );
}
