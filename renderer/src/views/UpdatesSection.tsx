// Settings → Updates: the desktop app's own updates (check, what is new, download with progress, install on the
// user's word). The browser host has none: main answers that the desktop app handles them.
import { useEffect, useState } from 'react';
import type { UpdateStatus } from '../../../main/common/contract';
import { call, messageOf } from '../bridge';
import { useAppStore } from '../store/app-store';

function describe(status: UpdateStatus): string {
  switch (status.state) {
    case 'idle':
      return 'Not checked yet.';
    case 'checking':
      return 'Checking for updates…';
    case 'up-to-date':
      return `Media Desk ${status.version} is the latest version.`;
    case 'available':
      return `Version ${status.version} is available.`;
    case 'downloading':
      return `Downloading version ${status.version}: ${status.percent}%`;
    case 'downloaded':
      return `Version ${status.version} is ready to install. Media Desk restarts to install it.`;
    case 'error':
      return status.message;
  }
}

export function UpdatesSection() {
  const status = useAppStore((s) => s.updates);
  const [error, setError] = useState<string>();
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
      <legend>Updates</legend>
      <p className={status.state === 'error' ? 'banner warn' : 'subtle'} role="status">{describe(status)}</p>
      {status.state === 'downloading' ? <progress max={100} value={status.percent} aria-label="Update download" /> : null}
      {notes ? (
        <details open>
          <summary>What is new</summary>
          <p className="release-notes">{notes}</p>
        </details>
      ) : null}
      {error ? <p className="banner bad" role="alert">{error}</p> : null}
      <div className="form-actions">
        <button type="button" disabled={status.state === 'checking' || status.state === 'downloading'} onClick={() => void run(() => call('updates.check', {}))}>Check for updates</button>
        {status.state === 'available' ? <button type="button" onClick={() => void run(() => call('updates.download', {}))}>Download</button> : null}
        {status.state === 'downloaded' ? <button type="button" className="primary" onClick={() => void run(() => call('updates.install', {}))}>Restart and install</button> : null}
      </div>
    </fieldset>
  );
}
