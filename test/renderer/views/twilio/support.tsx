// A Twilio account as main would answer for it, in memory: messages, their media, deletion, the XML form. The
// bridge is installed before the views' modules load (see the hoisted call in each test), as the preload does.
import { vi } from 'vitest';
import type { AccountSummary } from '../../../../main/common/accounts';
import type { TwilioMediaView, TwilioMessageView } from '../../../../main/common/methods/twilio';

export const hex = (n: number, char = 'a') => `${char}${String(n).padStart(31, '0')}`;
export const messageSid = (n: number) => `MM${hex(n)}`;
export const mediaSid = (n: number) => `ME${hex(n, 'b')}`;

export function message(n: number, numMedia: number): TwilioMessageView {
  return {
    sid: messageSid(n),
    from: '+15551234567',
    to: '+15557654321',
    body: `Message ${n}`,
    status: 'received',
    direction: 'inbound',
    dateSent: '2026-12-05T15:03:00.000Z',
    dateCreated: '2026-12-05T15:03:00.000Z',
    numMedia,
    errorCode: null,
    errorMessage: null,
  };
}

export function media(n: number, parent: string, contentType = 'image/jpeg'): TwilioMediaView {
  const sid = mediaSid(n);
  return {
    sid,
    messageSid: parent,
    contentType,
    kind: contentType.startsWith('image/') ? 'image' : contentType.startsWith('video/') ? 'video' : 'other',
    dateCreated: '2026-12-05T15:03:00.000Z',
    fileName: `2026-12-05_1503_+15551234567_${sid}.jpg`,
    mediaUrl: `https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/${parent}/Media/${sid}`,
    previewUrl: `/media/${sid}`,
    resource: { sid, account_sid: 'AC1', parent_sid: parent, content_type: contentType, date_created: null, date_updated: null, uri: null },
  };
}

export const account = {
  id: 'acc_12345678',
  kind: 'twilio',
  label: 'Support line',
  sandbox: false,
  settings: {},
  variables: {},
  secretSet: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
} as unknown as AccountSummary;

/**
 * happy-dom lays nothing out, so a virtualized list would show no row: its scroll areas are given a window's size.
 * Call once per test file (restored by vi.restoreAllMocks).
 */
export function giveScrollAreasASize() {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(800);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(600);
}

export { renderWithQueries } from '../../render-with-queries';
