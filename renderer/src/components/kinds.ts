import type { AccountKind } from '../../../main/common/accounts';

export const KIND_LABEL: Record<AccountKind, string> = {
  generic: 'Media upload',
  library: 'Media library',
  twilio: 'Twilio',
};

export const KIND_DESCRIPTION: Record<AccountKind, string> = {
  generic: "Upload JPEG photos and MP4 videos to a provider's media upload web service.",
  library: 'Browse a per-domain media library: folders, files, voicemail and access lists.',
  twilio: 'View, download and clean up media attached to Twilio messages.',
};

export const KIND_ORDER: AccountKind[] = ['generic', 'library', 'twilio'];

/** The kind as a noun inside a sentence ("Add a media library account"). */
export const KIND_NOUN: Record<AccountKind, string> = {
  generic: 'media upload',
  library: 'media library',
  twilio: 'Twilio',
};

/** What the "sandbox" badge means: on the Welcome page and as the badge's tooltip. */
export const SANDBOX_EXPLANATION =
  'A sandbox account talks to a practice server built into Media Desk, on this computer only: nothing you do in it reaches a real service.';
