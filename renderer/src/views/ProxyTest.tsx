// Settings → Network's "Test proxy": the window names an account; main reaches that account's server with the saved
// settings and says how (through which proxy, its 407, the answer or the failure, the time), one sentence a line.
import { useState } from 'react';
import type { ProxyTestResult } from '../../../main/common/contract';
import { call, messageOf } from '../bridge';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../store/app-store';

export function ProxyTest() {
  const accounts = useAppStore((s) => s.accounts);
  const [chosen, setChosen] = useState<string>();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ProxyTestResult>();
  const { t } = useTranslation('settings');
  const accountId = chosen ?? accounts[0]?.id;
  if (accountId === undefined) return <p className="hint">{t('network.testNoAccount')}</p>;

  const run = async () => {
    setRunning(true);
    setResult(undefined);
    try {
      setResult(await call('settings.testProxy', { accountId }));
    } catch (err) {
      setResult({ ok: false, lines: [{ message: messageOf(err) }] });
    } finally {
      setRunning(false);
    }
  };

  return (
    <div className="proxy-test">
      <div className="form-actions">
        <label>
          <span>{t('network.testAccount')}</span>{' '}
          <select value={accountId} onChange={(e) => setChosen(e.target.value)}>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={running} onClick={() => void run()}>
          {running ? t('network.testing') : t('network.test')}
        </button>
      </div>
      <p className="hint">{t('network.testHint')}</p>
      {result ? (
        <div className={`banner ${result.ok ? 'ok' : 'bad'}`} role="status">
          {result.lines.map((line, i) => (
            <p key={i}>{errorText(line)}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
