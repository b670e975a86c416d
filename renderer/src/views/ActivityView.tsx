import { useMemo, useState } from 'react';
import type { LogEntry, LogLevel } from '../../../main/common/contract';
import { call, messageOf } from '../bridge';
import { useFormats, useTranslation } from '../i18n';
import { useAppStore } from '../store/app-store';

const LEVELS: Array<LogLevel | 'all'> = ['all', 'info', 'warn', 'error'];

function saveText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ActivityView() {
  const log = useAppStore((s) => s.log);
  const accounts = useAppStore((s) => s.accounts);
  const [level, setLevel] = useState<LogLevel | 'all'>('all');
  const [accountId, setAccountId] = useState('');
  const [search, setSearch] = useState('');
  const [error, setError] = useState<string>();
  const { t } = useTranslation('shell');
  const f = useFormats();
  const accountName = (id?: string) => accounts.find((a) => a.id === id)?.label;
  const shown = useMemo(() => {
    const words = search.toLowerCase().split(/\s+/).filter(Boolean);
    const labelOf = (id?: string) => accounts.find((a) => a.id === id)?.label ?? '';
    const matches = (entry: LogEntry) =>
      (level === 'all' || entry.level === level) &&
      (accountId === '' || entry.accountId === accountId) &&
      words.every((word) => `${entry.message} ${entry.scope} ${labelOf(entry.accountId)}`.toLowerCase().includes(word));
    return log.filter(matches).slice(-500).reverse();
  }, [log, level, accountId, search, accounts]);
  const filtered = level !== 'all' || accountId !== '' || search.trim() !== '';

  const exportLog = async () => {
    try {
      const { fileName, text } = await call('log.export', {});
      saveText(fileName, text);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <section className="view view-fill" aria-labelledby="activity-title">
      <header className="view-header">
        <div>
          <h1 id="activity-title">{t('activity.title')}</h1>
          <p className="subtle">{t('activity.intro')}</p>
        </div>
        <div className="actions">
          <button type="button" onClick={() => void exportLog()}>{t('activity.export')}</button>
        </div>
      </header>
      <div className="filters" role="search" aria-label={t('activity.filters')}>
        <label className="inline-label">
          {t('activity.search')}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('activity.searchPlaceholder')} />
        </label>
        <label className="inline-label">
          {t('activity.account')}
          <select value={accountId} onChange={(e) => setAccountId(e.target.value)}>
            <option value="">{t('activity.allAccounts')}</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>{a.label}</option>
            ))}
          </select>
        </label>
        <label className="inline-label">
          {t('activity.show')}
          <select value={level} onChange={(e) => setLevel(e.target.value as LogLevel | 'all')}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>{t(`activity.level.${l}`)}</option>
            ))}
          </select>
        </label>
      </div>
      {error ? <p className="banner bad" role="alert">{error}</p> : null}
      {shown.length === 0 ? (
        <p className="empty">{filtered ? t('activity.noMatch') : t('activity.empty')}</p>
      ) : (
        <ol className="log" aria-label={t('activity.listLabel')}>
          {shown.map((entry) => (
            <li key={entry.seq} className={`log-entry level-${entry.level}`}>
              <time dateTime={entry.time}>{f.shortDateTime(entry.time)}</time>
              <span className="log-scope">{entry.scope}</span>
              <span className="log-message">
                {entry.accountId && accountName(entry.accountId) ? <strong>{t('activity.entryAccount', { account: accountName(entry.accountId) })}</strong> : null}
                {entry.message}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
