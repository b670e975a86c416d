import type { MethodName, MethodResult, ParsedArgs } from '../../common/contract.js';
import type { FileStaging } from '../../core/files/staging.js';
import type { SandboxAccounts } from '../../sandbox/index.js';
import type { FolderGrants } from '../grants.js';
import type { MediaStreams } from '../media-streams.js';
import type { AppServices } from '../services.js';

/** What every group of handlers may use. */
export interface HandlerContext {
  services: AppServices;
  staging: FileStaging;
  media: MediaStreams;
  /** The folders the window may save into, by grant id. */
  grants: FolderGrants;
  sandboxUrl: () => string | null;
  /** The running sandbox's accounts (with their credentials, for main only), or null when it is not running. */
  sandboxAccounts: () => SandboxAccounts | null;
}

/** The handlers for one group of methods (one file per provider keeps the files small and separate). */
export type HandlersFor<T> = {
  [M in keyof T & MethodName]: (args: ParsedArgs<M>) => Promise<MethodResult<M>> | MethodResult<M>;
};
