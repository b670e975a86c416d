// Names shared by main and the preload without pulling in the schemas (the preload is a tiny sandboxed script).
export const IPC_INVOKE = 'media-desk:invoke';
export const IPC_EVENT = 'media-desk:event';
/** Preload → main only: the path of a File the user dropped or picked, to be granted (not reachable through invoke). */
export const IPC_GRANT_FILE = 'media-desk:grant-file';
/** The renderer's origin in the Electron host: a custom, privileged scheme instead of file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'media-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** Previews stream through this scheme so that credentials stay in main. */
export const MEDIA_SCHEME = 'media-desk-media';
export const EVENT_NAME_LIST = ['accounts.changed', 'settings.changed', 'log.appended', 'notice', 'transfers.changed', 'files.opened', 'app.command', 'updates.status', 'staging.progress'] as const;
