// The app's own updates, on electron-updater: the feed is the `publish` URL in electron-builder.yml (electron-builder
// writes it into resources/app-update.yml). Nothing downloads or installs without the user: a check says what is
// new, the download runs in the background with progress, electron-updater checks its sha512 against latest.yml,
// and the install waits for the user's word. A feed that cannot be read is reported; the app keeps working.
import type { AppUpdater, ProgressInfo, UpdateInfo } from 'electron-updater';
import type { UpdateStatus } from '../common/contract.js';
import { AppError, wordsOf } from '../common/errors.js';
import { phrase, type Phrase } from '../common/i18n/phrase.js';
import type { UpdatesPort } from '../app/services.js';

export interface UpdatesOptions {
  /** Every status change, for the UI (the `updates.status` event). */
  publish(status: UpdateStatus): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

/** latest.yml's release notes (a string, possibly HTML, or one note per version) as plain text. */
export function releaseNotesText(notes: UpdateInfo['releaseNotes']): string | null {
  if (notes == null) return null;
  const text = typeof notes === 'string' ? notes : notes.map((n) => `${n.version}\n${n.note ?? ''}`).join('\n\n');
  const plain = text
    .replace(/<br\s*\/?>|<\/(p|li|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return plain === '' ? null : plain.slice(0, 20_000);
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // electron-updater's messages can carry whole response bodies or stacks: the first line says it.
  return (text.split('\n')[0] ?? text).slice(0, 300);
}

/** The error status: the English message for the log, the phrase for the window to say in its language. */
function failed(said: Phrase): UpdateStatus {
  return { state: 'error', ...wordsOf(said) };
}

export function createUpdatesPort(updater: AppUpdater, options: UpdatesOptions): UpdatesPort {
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.logger = {
    info: (message?: unknown) => options.log('info', `Updates: ${String(message)}`),
    warn: (message?: unknown) => options.log('warn', `Updates: ${String(message)}`),
    error: (message?: unknown) => options.log('error', `Updates: ${messageOf(message)}`),
  };
  // electron-updater also emits 'error' for failures the calls below already report; an EventEmitter without an
  // 'error' listener would throw it in main.
  updater.on('error', () => {});

  let status: UpdateStatus = { state: 'idle' };
  let found: UpdateInfo | undefined;
  const set = (next: UpdateStatus): UpdateStatus => {
    status = next;
    options.publish(next);
    return next;
  };

  updater.on('download-progress', (progress: ProgressInfo) => {
    if (!found) return;
    set({ state: 'downloading', version: found.version, percent: Math.round(progress.percent), transferred: progress.transferred, total: progress.total });
  });

  return {
    status: () => status,

    async check() {
      if (status.state === 'downloading' || status.state === 'checking') return status;
      set({ state: 'checking' });
      try {
        const result = await updater.checkForUpdates();
        if (result === null) {
          return set(failed(phrase('desktop:updates.notInstalled')));
        }
        if (!result.isUpdateAvailable) {
          found = undefined;
          return set({ state: 'up-to-date', version: updater.currentVersion.version });
        }
        found = result.updateInfo;
        const { version, releaseDate } = result.updateInfo;
        return set({ state: 'available', version, releaseNotes: releaseNotesText(result.updateInfo.releaseNotes), releaseDate: releaseDate || null });
      } catch (error) {
        return set(failed(phrase('desktop:updates.checkFailed', { said: messageOf(error) })));
      }
    },

    async download() {
      if (!found) throw new AppError('validation', phrase('desktop:updates.nothingToDownload'));
      if (status.state === 'downloading' || status.state === 'downloaded') return status;
      const info = found;
      set({ state: 'downloading', version: info.version, percent: 0, transferred: 0, total: 0 });
      try {
        await updater.downloadUpdate();
        return set({ state: 'downloaded', version: info.version, releaseNotes: releaseNotesText(info.releaseNotes) });
      } catch (error) {
        return set(failed(phrase('desktop:updates.downloadFailed', { version: info.version, said: messageOf(error) })));
      }
    },

    install() {
      if (status.state !== 'downloaded') throw new AppError('validation', phrase('desktop:updates.nothingDownloaded'));
      // Not silent on Windows (the installer shows its progress), and the app starts again afterwards.
      updater.quitAndInstall(false, true);
    },
  };
}
