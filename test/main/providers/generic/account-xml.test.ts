import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/common/errors.js';
import { ja } from '../../../../main/common/i18n/locales/ja/index.js';
import { sayPhrase } from '../../../../main/common/i18n/phrase.js';
import { createTranslator } from '../../../../main/common/i18n/translator.js';
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
    expect(imported.problems.map((p) => p.message)).toContain('The XML holds 2 accounts; the first one was imported.');
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
    expect(importAccountXml(xml).problems.map((p) => p.message)).toEqual([
      '<note> appears 2 times; the first value was used.',
      'genericMediaUploadTimeout is not a setting Media Desk knows; it was skipped.',
      'genericMediaUploadUrl uses %account[apiKey]%, but the account has no "apiKey".',
    ]);
  });

  it('says each problem as a phrase, in Japanese for a Japanese reader, with no English sentence left', () => {
    const longKey = `k${'x'.repeat(70)}`;
    const xml = `<wrap><account pin="1">
      <pin>2</pin>
      <genericMediaUploadUrl>https://m.example/?k=%account[apiKey]%</genericMediaUploadUrl>
      <genericMediaUploadMultipartData>f=%media_content%</genericMediaUploadMultipartData>
      <genericMediaUploadTimeout>x</genericMediaUploadTimeout>
      <note>one</note><note>two</note>
      <${longKey}>v</${longKey}>
      <big>${'y'.repeat(5000)}</big>
    </account><account><username>b</username></account></wrap>`;
    const japanese = createTranslator('ja', { ja });
    const said = importAccountXml(xml).problems.map((p) => (p.phrase ? sayPhrase(japanese, p.phrase) : p.message));
    expect(said).toEqual([
      'XML に 2 件のアカウントがあります。最初のアカウントを読み込みました。',
      '<note> が 2 回出てきます。最初の値を使いました。',
      'pin が複数回指定されています。最初の値を使いました。',
      'genericMediaUploadTimeout は Media Desk が知らない設定のため、スキップしました。',
      `アカウントのキー「${longKey}」は変数名として使えないため、スキップしました。`,
      'アカウントのキー「big」は 4,096 文字を超えるため、スキップしました。',
      'genericMediaUploadUrl は %account[apiKey]% を使っていますが、アカウントに「apiKey」がありません。',
    ]);
    expect(said.filter((line) => /[A-Za-z]{4,} [A-Za-z]{3,}/.test(line.replace(/Media Desk|genericMedia\w+/g, '')))).toEqual([]);
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
