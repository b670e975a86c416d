// Updating the app itself. Only the desktop app updates (electron-updater, from the feed in electron-builder.yml's
// `publish`); the browser host answers every method with an error that says so.
import { method } from './define.js';
import { none } from './core.js';
import type { Phrase } from '../i18n/phrase.js';

export type UpdateStatus =
  | { state: 'idle' }
  | { state: 'checking' }
  /** The running version is the newest the feed offers. */
  | { state: 'up-to-date'; version: string }
  | { state: 'available'; version: string; releaseNotes: string | null; releaseDate: string | null }
  | { state: 'downloading'; version: string; percent: number; transferred: number; total: number }
  /** Downloaded and its sha512 checked against the feed's latest.yml: installs when the user says so. */
  | { state: 'downloaded'; version: string; releaseNotes: string | null }
  /** The feed could not be read, or the download was refused; the app keeps working. `message` in English, `phrase` for the window. */
  | { state: 'error'; message: string; phrase?: Phrase };

export const updateMethods = {
  'updates.status': method(none).returns<UpdateStatus>(),
  'updates.check': method(none).returns<UpdateStatus>(),
  /** Downloads the update the last check found, in the background; progress arrives as `updates.status` events. */
  'updates.download': method(none).returns<UpdateStatus>(),
  /** Quits and installs the downloaded update. */
  'updates.install': method(none).returns<void>(),
} as const;
