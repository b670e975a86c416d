// The name a downloaded Twilio media is saved under: date, sender and media SID, safe on every file system.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twilioMediaFileName } from '../../../main/app/twilio-file-names.js';

const SID = 'ME5c5d0123456789abcdef0123456789ab';
let zone: string | undefined;

// The date is the one the app shows, in this computer's time zone: fixed here so the expectations read plainly.
beforeAll(() => {
  zone = process.env.TZ;
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('twilioMediaFileName', () => {
  it('names a media by its message’s local date and time, its sender and its SID', () => {
    expect(twilioMediaFileName({ mediaSid: SID, contentType: 'image/jpeg', messageDate: '2026-12-05T20:03:41Z', from: '+15551234567' })).toBe(
      `2026-12-05_1503_+15551234567_${SID}.jpg`,
    );
    expect(twilioMediaFileName({ mediaSid: SID, contentType: 'video/mp4; codecs="avc1"', messageDate: '2026-01-02T05:09:00Z', from: '+15551234567' })).toBe(
      `2026-01-02_0009_+15551234567_${SID}.mp4`,
    );
  });

  it('leaves out what Twilio did not say', () => {
    expect(twilioMediaFileName({ mediaSid: SID, contentType: null, messageDate: null, from: null })).toBe(`${SID}.bin`);
    expect(twilioMediaFileName({ mediaSid: SID, contentType: 'image/png', messageDate: 'not a date', from: '+15551234567' })).toBe(`+15551234567_${SID}.png`);
  });

  it('keeps a hostile sender from naming a folder, a device or a hidden file', () => {
    const names = ['../../etc/passwd', '..\\..\\boot.ini', 'whatsapp:+15551234567', 'con', '<script>|?*"', '\u0000\n\t', '.hidden'].map((from) =>
      twilioMediaFileName({ mediaSid: SID, contentType: 'image/jpeg', messageDate: null, from }),
    );
    expect(names).toEqual([
      `etc_passwd_${SID}.jpg`,
      `boot.ini_${SID}.jpg`,
      `whatsapp_+15551234567_${SID}.jpg`,
      `con_${SID}.jpg`,
      `script_${SID}.jpg`,
      `${SID}.jpg`,
      `hidden_${SID}.jpg`,
    ]);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9+@._-]+$/);
  });

  it('keeps a long sender within the name length every file system takes', () => {
    const name = twilioMediaFileName({ mediaSid: SID, contentType: 'image/jpeg', messageDate: null, from: `sip:${'a'.repeat(500)}@example.com` });
    expect(name.endsWith(`${SID}.jpg`)).toBe(true);
    expect(name.length).toBeLessThanOrEqual(120);
  });
});
