import { describe, expect, it } from 'vitest';
import { prepareSimpleRequest, prepareUpload } from '../../../../main/providers/generic/requests.js';
import { compileGenericSettings, type GenericSettingsInput } from '../../../../main/providers/generic/service-config.js';
import type { TemplateScope } from '../../../../main/providers/generic/template-engine.js';

const base: GenericSettingsInput = {
  genericMediaUploadUrl: 'https://m.example/up?u=%account[username]%',
  genericMediaUploadMultipartData: 'user=%account[username]%&file=%media_content%',
};

function compile(settings: GenericSettingsInput) {
  const { config, problems } = compileGenericSettings({ ...base, ...settings }, ['username', 'password']);
  expect(problems).toEqual([]);
  if (!config) throw new Error('no config');
  return config;
}

const scope = (service: Record<string, string>): TemplateScope => ({
  account: { username: 'ann', password: 'pä"ss' },
  secretKeys: new Set(['password']),
  globals: {},
  service,
});
const refValues = { sms_to: '+1 555', to: '+1 555', description: 'Line "one"\nline two', media_url: 'https://m.example/1.jpg', preview_width: '1', preview_height: '1', preview_content_type: 'image/jpeg', preview_content: 'AAE=', media_content_type: 'image/jpeg' };
const file = { path: '/tmp/x.jpg', name: 'x.jpg', size: 3, contentType: 'image/jpeg' };

describe('prepareSimpleRequest', () => {
  it('sends PostData form-encoded by default, with its Content-Type', () => {
    const { refSend } = compile({ genericMediaRefSendUrl: 'https://m.example/send', genericMediaRefSendPostData: 'to=%sms_to%&d=%description%' });
    const prepared = prepareSimpleRequest(refSend!, scope(refValues));
    expect(prepared.method).toBe('POST');
    expect(prepared.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(prepared.body?.toString()))).toEqual({ to: '+1 555', d: 'Line "one"\nline two' });
  });

  it('escapes values for JSON when the reference send declares a JSON body', () => {
    const { refSend } = compile({
      genericMediaRefSendUrl: 'https://m.example/send',
      genericMediaRefSendPostData: '{"to":"%sms_to%","text":"%description%","pass":"%account[password]%"}',
      genericMediaRefSendCustomHeaders: 'Content-Type: application/json',
    });
    const prepared = prepareSimpleRequest(refSend!, scope(refValues));
    expect(JSON.parse(prepared.body?.toString() ?? '')).toEqual({ to: '+1 555', text: 'Line "one"\nline two', pass: 'pä"ss' });
    expect(prepared.carriesSecret).toBe(true);
  });

  it('sends an empty body (not a chunked one) for a POST without PostData, and none for GET', () => {
    const post = compile({ genericMediaRefSendUrl: 'https://m.example/send?to=%sms_to%', genericMediaRefSendMethod: 'post' }).refSend!;
    expect(prepareSimpleRequest(post, scope(refValues)).body).toEqual(Buffer.alloc(0));
    const get = compile({ genericMediaRefSendUrl: 'https://m.example/send?to=%sms_to%' }).refSend!;
    const prepared = prepareSimpleRequest(get, scope(refValues));
    expect(prepared.method).toBe('GET');
    expect(prepared.body).toBeUndefined();
    expect(prepared.url.search).toBe('?to=%2B1%20555');
    expect(prepared.carriesSecret).toBe(false);
  });

  it('marks a request carrying a secret in a header', () => {
    const { refSend } = compile({ genericMediaRefSendUrl: 'https://m.example/send', genericMediaRefSendCustomHeaders: 'Authorization: Bearer %sha1(%account[password]%)%' });
    expect(prepareSimpleRequest(refSend!, scope(refValues)).carriesSecret).toBe(true);
  });
});

describe('prepareUpload', () => {
  it('fills parts in order and puts the file where %media_content% is', () => {
    const prepared = prepareUpload(compile({}).upload, scope({ sms_to: '', to: '', description: '', media_size: '3', content_type: 'image/jpeg' }), file);
    expect(prepared.parts).toEqual([
      { kind: 'field', name: 'user', value: 'ann' },
      { kind: 'file', name: 'file', fileName: 'x.jpg', contentType: 'image/jpeg', path: '/tmp/x.jpg', size: 3 },
    ]);
    expect(prepared.carriesSecret).toBe(false);
  });

  it('marks the upload as carrying a secret when a part uses one', () => {
    const upload = compile({ genericMediaUploadMultipartData: 'p=%account[password]%&file=%media_content%' }).upload;
    expect(prepareUpload(upload, scope({}), file).carriesSecret).toBe(true);
  });

  it('sends header values as raw UTF-8 bytes', () => {
    const upload = compile({ genericMediaUploadCustomHeaders: 'X-Pass: %account[password]%' }).upload;
    const value = prepareUpload(upload, scope({}), file).headers['x-pass'] ?? '';
    expect(Buffer.from(value, 'latin1')).toEqual(Buffer.from('pä"ss', 'utf8'));
  });
});

describe('the display URL each prepared request carries', () => {
  it('has the secret masked in the precheck, the upload and the reference send, and the real URL has it encoded', () => {
    const config = compile({
      genericMediaUploadUrl: 'https://m.example/up/%account[password]%?u=%account[username]%',
      genericMediaUploadPrecheckUrl: 'https://m.example/precheck/%account[password]%',
      genericMediaRefSendUrl: 'https://m.example/send/%sha1(%account[username]%%account[password]%)%',
    });
    const precheck = prepareSimpleRequest(config.precheck!, scope({ sms_to: '+1', to: '+1', description: '', media_size: '3', content_type: 'image/jpeg' }));
    const upload = prepareUpload(config.upload, scope({ sms_to: '+1', to: '+1', description: '', media_size: '3', content_type: 'image/jpeg' }), file);
    const reference = prepareSimpleRequest(config.refSend!, scope(refValues));
    expect([precheck.displayUrl, upload.displayUrl, reference.displayUrl]).toEqual([
      'https://m.example/precheck/•••',
      'https://m.example/up/•••?u=ann',
      'https://m.example/send/•••',
    ]);
    expect(precheck.url.pathname).toBe('/precheck/p%C3%A4%22ss');
  });
});
