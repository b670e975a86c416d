import { useMemo, useState } from 'react';
import type { LogLevel } from '../../../main/common/contract';
import { call, messageOf } from '../bridge';
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
  const [error, setError] = useState<string>();
  const shown = useMemo(() => (level === 'all' ? log : log.filter((e) => e.level === level)).slice(-500).reverse(), [log, level]);
  const accountName = (id?: string) => accounts.find((a) => a.id === id)?.label;

  const exportLog = async () => {
    try {
      const { fileName, text } = await call('log.export', {});
      saveText(fileName, text);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <section className="view" aria-labelledby="activity-title">
      <header className="view-header">
        <div>
          <h1 id="activity-title">Activity</h1>
          <p className="subtle">Requests, results and errors. Passwords and tokens are removed before anything is written.</p>
        </div>
        <div className="actions">
          <label className="inline-label">
            Show
            <select value={level} onChange={(e) => setLevel(e.target.value as LogLevel | 'all')}>
              {LEVELS.map((l) => (
                <option key={l} value={l}>{l === 'all' ? 'Everything' : l === 'warn' ? 'Warnings' : l === 'error' ? 'Errors' : 'Information'}</option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void exportLog()}>Export log for support</button>
        </div>
      </header>
      {error ? <p className="banner bad" role="alert">{error}</p> : null}
      {shown.length === 0 ? (
        <p className="empty">Nothing to show yet. Actions you take appear here.</p>
      ) : (
        <ol className="log" aria-label="Activity entries, newest first">
          {shown.map((entry) => (
            <li key={entry.seq} className={`log-entry level-${entry.level}`}>
              <time dateTime={entry.time}>{new Date(entry.time).toLocaleTimeString()}</time>
              <span className="log-scope">{entry.scope}</span>
              <span className="log-message">
                {entry.accountId && accountName(entry.accountId) ? <strong>{accountName(entry.accountId)}: </strong> : null}
                {entry.message}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
