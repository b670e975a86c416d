// The media library provider: the client, bulk ACL changes and the types the rest of the app uses.
export { LibraryClient, type CallOptions, type Created } from './client.js';
export { APPLICATION_ID_HEADER, resolveConnection, type LibraryConnection } from './connection.js';
export type { DownloadOptions, DownloadResult, MediaStream, MediaStreamOptions } from './download.js';
export type { LibraryLimits } from './http.js';
export type { LibraryTarget } from './paths.js';
export type { LibraryFile, LibraryFolder, LibraryFolderDetails, LibraryItemInfo } from './schemas.js';
export type { TransferOptions, TransferProgress, UploadOptions, UploadResult } from './upload.js';
export { applyAclToMany, folderAndFiles, summarizeBulkResults, type AclBulkOptions, type AclBulkResult } from './bulk-acl.js';
