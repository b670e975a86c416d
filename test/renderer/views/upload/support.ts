// What the upload panel's tests share: the media-upload account the panel is shown for, and the preview URL an
// object URL stands for in happy-dom.
import type { AccountSummary } from '../../../../main/common/accounts';

export const account = {
  id: 'acc_12345678',
  kind: 'generic',
  label: 'Media server',
  sandbox: false,
  settings: {},
  username: 'me',
  variables: {},
  secretSet: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
} as AccountSummary;

/** The object URL a preview of `file` gets (URL.createObjectURL is mocked to give it). */
export const previewUrl = (file: File) => `blob:media-desk/${file.name}`;
