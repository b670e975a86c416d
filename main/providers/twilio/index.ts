// The Twilio provider's public surface: import from here, not from the files behind it.
export { createTwilioClient, hasMedia, type ClientOptions, type MediaFilters, type MessageFilters, type Page, type TwilioClient } from './client.js';
export {
  credentialPair,
  DEFAULT_TWILIO_BASE_URL,
  validateTwilioConnection,
  type FieldProblem,
  type TwilioConnection,
  type TwilioConnectionCheck,
  type TwilioCredential,
  type TwilioField,
} from './connection.js';
export type { CallOptions, RetryPolicy, Sleep } from './api.js';
export type { MediaContent, MediaContentOptions } from './media-content.js';
export type { DownloadOptions, DownloadResult, DownloadTarget } from './download.js';
export type { TwilioMedia, TwilioMessage } from './schemas.js';
export {
  cleanupPlanSchema,
  formatCleanupReport,
  planCleanup,
  runCleanup,
  type CleanupCriteria,
  type CleanupItem,
  type CleanupPlan,
  type CleanupResult,
  type CleanupRun,
  type CleanupStatus,
  type PlanOptions,
  type ReportFormat,
  type RunOptions,
} from './cleanup.js';
export { extensionFor } from './file-names.js';
