import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/common/errors.js';
import { ACCOUNT_XML_MAX_BYTES, importAccountXml } from '../../../../main/providers/generic/account-xml.js';

const providerXml = `<?xml version="1.0" encoding="UTF-8"?>
<account>
  <title>Example Telecom</title>
  <username>johndoe</username>
  <password>s3cr&amp;t</password>
  <userCallerId>+15550100</userCallerId>
  <genericMediaUploadUrl>https://media.example/upload?from=%account[username]%&amp;to=%sms_to%</genericMediaUploadUrl>
  <genericMediaUploadMethod>put</genericMediaUploadMethod>
  <genericMediaUploadMultipartData><![CDATA[from=%account[username]%&password=%account[password]%&file=%media_content%]]></genericMediaUploadMultipartData>
  <genericMediaUploadCustomHeaders>X-Caller: %account[userCallerId]%\\nX-App: desk</genericMediaUploadCustomHeaders>
  <codecs><codec>opus</codec><codec>g722</codec></codecs>
</account>`;

function refused(input: string | Uint8Array): AppError {
  try {
    importAccountXml(input);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

describe('importAccountXml', () => {
  it("imports the provider's settings, credentials and account variables", () => {
    expect(importAccountXml(providerXml)).toEqual({
      settings: {
        genericMediaUploadUrl: 'https://media.example/upload?from=%account[username]%&to=%sms_to%',
        genericMediaUploadMethod: 'put',
        genericMediaUploadMultipartData: 'from=%account[username]%&password=%account[password]%&file=%media_content%',
        genericMediaUploadCustomHeaders: 'X-Caller: %account[userCallerId]%\\nX-App: desk',
      },
      username: 'johndoe',
      password: 's3cr&t',
      authPasswords: {},
      variables: { title: 'Example Telecom', userCallerId: '+15550100' },
      problems: [],
    });
  });

  it('takes values given as attributes, any case of the root and of the keys, from bytes', () => {
    const xml = '<ACCOUNT Username="ann" GENERICMEDIAUPLOADURL="https://m.example/u" genericMediaUploadMultipartData="f=%media_content%" pin="0042"/>';
    const imported = importAccountXml(Buffer.from(`\uFEFF${xml}`, 'utf8'));
    expect(imported.settings).toEqual({ genericMediaUploadUrl: 'https://m.example/u', genericMediaUploadMultipartData: 'f=%media_content%' });
    expect(imported.username).toBe('ann');
    expect(imported.variables).toEqual({ pin: '0042' });
    expect(imported.problems).toEqual([]);
  });

  it('finds the account inside a wrapper and keeps the first of several', () => {
    const xml = '<provisioning><accounts><account><username>a</username></account><account><username>b</username></account></accounts></provisioning>';
    const imported = importAccountXml(xml);
    expect(imported.username).toBe('a');
    expect(imported.problems).toContain('The XML holds 2 accounts; the first one was imported.');
  });

  it('accepts a root that is not called account when it holds the settings', () => {
    expect(importAccountXml('<config><genericMediaUploadUrl>https://m.example/</genericMediaUploadUrl></config>').settings).toEqual({
      genericMediaUploadUrl: 'https://m.example/',
    });
  });

  it('lists what it skipped and what will not work, without failing', () => {
    const xml = `<account>
      <genericMediaUploadUrl>https://m.example/?k=%account[apiKey]%</genericMediaUploadUrl>
      <genericMediaUploadMultipartData>f=%media_content%</genericMediaUploadMultipartData>
      <genericMediaUploadTimeout>x</genericMediaUploadTimeout>
      <note>one</note><note>two</note>
    </account>`;
    expect(importAccountXml(xml).problems).toEqual([
      '<note> appears 2 times; the first value was used.',
      'genericMediaUploadTimeout is not a setting Media Desk knows; it was skipped.',
      'genericMediaUploadUrl uses %account[apiKey]%, but the account has no "apiKey".',
    ]);
  });

  it('reads each service\'s AuthUsername as a setting and AuthPassword as a secret apart, in any case', () => {
    const imported = importAccountXml(`<account>
      <genericMediaUploadUrl>https://m.example/up</genericMediaUploadUrl>
      <genericMediaUploadMultipartData>f=%media_content%</genericMediaUploadMultipartData>
      <genericMediaUploadAuthUsername>%account[username]%</genericMediaUploadAuthUsername>
      <GENERICMEDIAUPLOADAUTHPASSWORD>p%%:+&quot;\\ü</GENERICMEDIAUPLOADAUTHPASSWORD>
      <genericMediaUploadPrecheckAuthUsername>pre</genericMediaUploadPrecheckAuthUsername>
      <genericMediaUploadPrecheckAuthPassword>pre-pass</genericMediaUploadPrecheckAuthPassword>
      <genericMediaRefSendAuthUsername>ref</genericMediaRefSendAuthUsername>
      <genericMediaRefSendAuthPassword>ref-pass</genericMediaRefSendAuthPassword>
      <username>jo</username></account>`);
    expect(imported.settings).toMatchObject({ genericMediaUploadAuthUsername: '%account[username]%', genericMediaUploadPrecheckAuthUsername: 'pre', genericMediaRefSendAuthUsername: 'ref' });
    expect(imported.authPasswords).toEqual({ genericMediaUploadAuthPassword: 'p%%:+"\\ü', genericMediaUploadPrecheckAuthPassword: 'pre-pass', genericMediaRefSendAuthPassword: 'ref-pass' });
    expect(imported.variables).toEqual({});
  });

  it('keeps values as text: no number parsing, no trimming of zeros', () => {
    expect(importAccountXml('<account><pin>007</pin><flag>true</flag></account>').variables).toEqual({ pin: '007', flag: 'true' });
  });

  it('refuses a DOCTYPE and entity declarations (XXE)', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE account [<!ENTITY x SYSTEM "file:///etc/passwd">]><account><username>&x;</username></account>';
    const error = refused(xxe);
    expect(error.code).toBe('validation');
    expect(error.message).toContain('DOCTYPE or entity declaration');
  });

  it('refuses input over the size limit', () => {
    const error = refused(`<account><pad>${'x'.repeat(ACCOUNT_XML_MAX_BYTES)}</pad></account>`);
    expect(error.message).toMatch(/^The account XML is too large \(\d+ KiB; at most 512 KiB\)\.$/);
  });

  it('refuses XML that is not well-formed, with the place of the mistake', () => {
    expect(refused('<account><username>a</account>').message).toMatch(/^The account XML is not well-formed: .+ \(line 1, column \d+\)\.$/);
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(refused(Buffer.from([0x3c, 0x61, 0x3e, 0xe9, 0x3c, 0x2f, 0x61, 0x3e])).message).toBe('The account XML is not UTF-8 text. Save it as UTF-8 and try again.');
  });

  it('refuses XML without an account', () => {
    expect(refused('<catalog><book>x</book></catalog>').message).toBe('The account XML has no <account> element and no genericMediaUpload settings.');
  });
});
