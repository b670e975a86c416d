import { describe, expect, it } from 'vitest';
import { validateTemplates, type GenericSettingsInput } from '../../../../main/providers/generic/templates.js';

const valid: GenericSettingsInput = {
  genericMediaUploadUrl: 'https://media.example/upload?from=%account[username]%&to=%sms_to%&size=%media_size%',
  genericMediaUploadMethod: 'put',
  genericMediaUploadMultipartData: 'from=%account[username]%&password=%account[password]%&description=%description%&attachment=%media_content%',
  genericMediaUploadCustomHeaders: 'X-Api-Key: %account[apiKey]%\\nX-Client: %appId%',
  genericMediaUploadPrecheckUrl: 'https://media.example/precheck',
  genericMediaUploadPrecheckPostData: 'size=%media_size%&type=%content_type%&p=%sha1(%account[password]%)%',
  genericMediaRefSendUrl: 'https://media.example/send',
  genericMediaRefSendPostData: 'to=%to%&url=%media_url%&w=%preview_width%&h=%preview_height%&img=%preview_content%&t=%preview_content_type%&mt=%media_content_type%',
  genericMediaRefSendCustomHeaders: 'Content-Type: application/x-www-form-urlencoded; charset=utf-8',
};
const accountKeys = ['username', 'password', 'apiKey'];

function messages(settings: GenericSettingsInput, keys = accountKeys, globals = ['appId']): string[] {
  return validateTemplates(settings, keys, globals).map((problem) => `${problem.setting} | ${problem.message}`);
}

describe('validateTemplates', () => {
  it('finds nothing wrong in a complete, correct account', () => {
    expect(messages(valid)).toEqual([]);
  });

  it('reports unknown variables and account keys, each with its setting', () => {
    expect(messages({ ...valid, genericMediaUploadUrl: 'https://m.example/?x=%sms_from%&k=%account[pin]%' })).toEqual([
      'genericMediaUploadUrl | genericMediaUploadUrl uses %sms_from%, which is not a known variable.',
      'genericMediaUploadUrl | genericMediaUploadUrl uses %account[pin]%, but the account has no "pin".',
    ]);
  });

  it('reports a global variable the app does not provide', () => {
    expect(messages(valid, accountKeys, [])).toEqual([
      'genericMediaUploadCustomHeaders | genericMediaUploadCustomHeaders uses %appId%, which is not a known variable.',
    ]);
  });

  it('reports reference-send variables used in the upload and upload-only ones in the reference send', () => {
    expect(messages({ ...valid, genericMediaUploadUrl: 'https://m.example/?u=%media_url%', genericMediaRefSendUrl: 'https://m.example/s?n=%media_size%' })).toEqual([
      'genericMediaUploadUrl | genericMediaUploadUrl uses %media_url%, which is not available in this request.',
      'genericMediaRefSendUrl | genericMediaRefSendUrl uses %media_size%, which is not available in this request.',
    ]);
  });

  it('reports %media_content% anywhere but as a whole part value', () => {
    expect(messages({ ...valid, genericMediaUploadMultipartData: 'file=x%media_content%', genericMediaUploadUrl: 'https://m.example/%media_content%' })).toEqual([
      'genericMediaUploadUrl | genericMediaUploadUrl uses %media_content%, which can only be the whole value of a multipart part of the upload.',
      'genericMediaUploadMultipartData | genericMediaUploadMultipartData uses %media_content%, which can only be the whole value of a multipart part of the upload.',
      'genericMediaUploadMultipartData | genericMediaUploadMultipartData has no part whose value is %media_content%: the server would receive no file (for example "file=%media_content%").',
    ]);
  });

  it('reports a missing file part and a doubled one', () => {
    expect(messages({ ...valid, genericMediaUploadMultipartData: undefined })).toEqual([
      expect.stringContaining('has no part whose value is %media_content%'),
    ]);
    expect(messages({ ...valid, genericMediaUploadMultipartData: 'a=%media_content%&b=%media_content%' })).toEqual([
      'genericMediaUploadMultipartData | genericMediaUploadMultipartData has 2 parts whose value is %media_content%; the file goes in exactly one.',
    ]);
  });

  it('reports parts without a name or without "="', () => {
    expect(messages({ ...valid, genericMediaUploadMultipartData: 'file=%media_content%&=x&lonely' })).toEqual([
      'genericMediaUploadMultipartData | genericMediaUploadMultipartData has a part without a name (before "=").',
      'genericMediaUploadMultipartData | genericMediaUploadMultipartData has a part "lonely" without "=value".',
    ]);
  });

  it('accepts blank entries and line breaks between parts', () => {
    expect(messages({ ...valid, genericMediaUploadMultipartData: 'a=1&&\n  file=%media_content%&' })).toEqual([]);
  });

  it('reports a malformed percent sign', () => {
    expect(messages({ ...valid, genericMediaUploadPrecheckPostData: 'rate=5%' })).toEqual([
      'genericMediaUploadPrecheckPostData | genericMediaUploadPrecheckPostData has a "%" that does not start a variable (write %% for a literal percent sign) at character 7.',
    ]);
  });

  it('reports an empty or unusable upload URL', () => {
    expect(messages({ ...valid, genericMediaUploadUrl: '  ' })).toEqual(['genericMediaUploadUrl | genericMediaUploadUrl is empty: the upload needs a URL.']);
    expect(messages({ ...valid, genericMediaUploadUrl: 'media.example/upload' })).toEqual([
      'genericMediaUploadUrl | genericMediaUploadUrl is not a valid URL once its variables are filled in.',
    ]);
    expect(messages({ ...valid, genericMediaUploadUrl: 'ftp://media.example/upload' })).toEqual([
      'genericMediaUploadUrl | genericMediaUploadUrl must start with https:// (or http://), not "ftp:".',
    ]);
  });

  it('checks the URL after substitution: variables holding a host name or a port are fine', () => {
    expect(messages({ ...valid, genericMediaUploadUrl: 'https://%account[apiKey]%.media.example/up' })).toEqual([]);
    expect(messages({ ...valid, genericMediaUploadUrl: 'https://media.example:%account[apiKey]%/up' })).toEqual([]);
  });

  it('reports bad methods: the upload takes POST or PUT, the others GET, HEAD, POST or PUT', () => {
    expect(messages({ ...valid, genericMediaUploadMethod: 'GET', genericMediaRefSendMethod: 'DELETE' })).toEqual([
      'genericMediaUploadMethod | genericMediaUploadMethod is "GET"; the upload uses POST or PUT.',
      'genericMediaRefSendMethod | genericMediaRefSendMethod is "DELETE"; use GET, HEAD, POST or PUT.',
    ]);
  });

  it('reports a GET that would have to carry PostData', () => {
    expect(messages({ ...valid, genericMediaUploadPrecheckMethod: 'get' })).toEqual([
      'genericMediaUploadPrecheckMethod | genericMediaUploadPrecheckMethod is GET, which cannot carry genericMediaUploadPrecheckPostData; use POST or PUT.',
    ]);
  });

  it('reports settings of a service whose URL is missing', () => {
    expect(messages({ ...valid, genericMediaRefSendUrl: '' })).toEqual([
      'genericMediaRefSendPostData | genericMediaRefSendPostData is set but genericMediaRefSendUrl is empty.',
      'genericMediaRefSendCustomHeaders | genericMediaRefSendCustomHeaders is set but genericMediaRefSendUrl is empty.',
    ]);
  });

  it('reports header lines that are not "Name: value" and headers Media Desk owns', () => {
    expect(messages({ ...valid, genericMediaUploadCustomHeaders: 'X-Ok: 1\nno colon here\nBad Name: x\nContent-Length: 5\nContent-Type: text/plain' })).toEqual([
      'genericMediaUploadCustomHeaders | genericMediaUploadCustomHeaders has a line that is not "Name: value": "no colon here".',
      'genericMediaUploadCustomHeaders | genericMediaUploadCustomHeaders has a line that is not "Name: value": "Bad Name: x".',
      'genericMediaUploadCustomHeaders | genericMediaUploadCustomHeaders sets Content-Length, which Media Desk sets itself for this request.',
      'genericMediaUploadCustomHeaders | genericMediaUploadCustomHeaders sets Content-Type, which Media Desk sets itself for this request.',
    ]);
  });

  it('reports a setting that is not a string', () => {
    const problems = validateTemplates({ ...valid, genericMediaUploadMethod: 42 } as unknown as GenericSettingsInput, accountKeys);
    expect(problems).toEqual([{ setting: 'genericMediaUploadMethod', message: expect.stringContaining('genericMediaUploadMethod:') }]);
  });
});
