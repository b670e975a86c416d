// Settings: the built-in sandbox. Whether it runs (from the next start), where it runs, and a way back to its
// accounts once the user removed them (a removal is otherwise for good: later starts do not make them again). The
// window only asks; main decides which are missing, makes them and marks them, and says which it added.
import { useId, useState } from 'react';
import type { SandboxRestoreResult } from '../../../main/common/contract';
import { call, messageOf } from '../bridge';
import { useFormats, useTranslation } from '../i18n';

interface Props {
  enabled: boolean;
  /** The running sandbox's address, or null when it is not running. */
  url: string | null;
  onEnabledChange: (enabled: boolean) => void;
}

export function SandboxSection({ enabled, url, onEnabledChange }: Props) {
  const { t } = useTranslation('settings');
  const { language } = useFormats();
  const hintId = useId();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<string>();
  const [error, setError] = useState<string>();

  const describe = (result: SandboxRestoreResult): string => {
    if (result.added.length === 0) return t('sandbox.allPresent');
    const labels = new Intl.ListFormat(language, { type: 'conjunction' }).format(result.added.map((a) => a.label));
    return t('sandbox.restored', { count: result.added.length, labels });
  };

  const restore = async () => {
    // Not disabled while main works: a disabled button would drop the keyboard focus to the page.
    if (busy) return;
    setBusy(true);
    setError(undefined);
    setSaid(undefined);
    try {
      setSaid(describe(await call('accounts.restoreSandbox', {})));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="sandbox-settings">
      <legend>{t('sandbox.legend')}</legend>
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => onEnabledChange(e.target.checked)} />
        {t('sandbox.run')}
      </label>
      <p className="hint">{url ? t('sandbox.runningAt', { url }) : t('sandbox.notRunning')}</p>
      <div className="sandbox-restore">
        <button type="button" aria-describedby={hintId} aria-disabled={busy} onClick={() => void restore()}>
          {t('sandbox.restore')}
        </button>
        <p className="hint" id={hintId}>{t('sandbox.restoreHint')}</p>
        {error ? <p className="banner bad" role="alert">{error}</p> : null}
        <p role="status" className="subtle" aria-live="polite">{busy ? t('sandbox.restoring') : (said ?? '')}</p>
      </div>
    </fieldset>
  );
}
