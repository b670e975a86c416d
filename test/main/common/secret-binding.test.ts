import { describe, expect, it } from 'vitest';
import type { AccountConfig } from '../../../main/common/accounts';
import { secretDestinationChanged } from '../../../main/common/secret-binding';

const library: AccountConfig = { kind: 'library', label: 'L', serverUrl: 'https://media.example.com/base', domain: 'example.com', userId: 'u', appId: 'a' };
const generic: AccountConfig = {
  kind: 'generic',
  label: 'G',
  username: 'u',
  variables: { host: 'upload.example.com', sender: 'Desk' },
  settings: { genericMediaUploadUrl: 'https://%account[host]%/upload', genericMediaUploadMultipartData: 'file=%file%' },
};

// Its precheck carries the password (salted with a variable, a setting and the user name); its upload does not.
const carrying: AccountConfig = {
  ...generic,
  label: 'C',
  settings: {
    ...generic.settings,
    genericMediaUploadPrecheckUrl: 'https://upload.example.com/pre?h=%sha1(%account[sender]%%account[genericMediaUploadCustomHeaders]%%account[username]%%account[password]%)%',
  },
};

describe('what a saved secret is bound to', () => {
  it.each<[string, AccountConfig]>([
    ['the scheme', { ...library, serverUrl: 'http://media.example.com/base' }],
    ['the host', { ...library, serverUrl: 'https://media.example.org/base' }],
    ['the port', { ...library, serverUrl: 'https://media.example.com:8443/base' }],
    ['the base path', { ...library, serverUrl: 'https://media.example.com/other' }],
    ['the domain', { ...library, domain: 'example.org' }],
    ['allowInsecure', { ...library, allowInsecure: true }],
    ['a trusted certificate', { ...library, trustedCertificate: '-----BEGIN CERTIFICATE-----' }],
    ['a generic URL template', { ...generic, settings: { ...generic.settings, genericMediaUploadUrl: 'https://evil.example/upload' } }],
    ['a generic precheck URL added', { ...generic, settings: { ...generic.settings, genericMediaUploadPrecheckUrl: 'https://evil.example/pre' } }],
    ['a variable a URL template uses', { ...generic, variables: { ...generic.variables, host: 'evil.example' } }],
    ['the method of a service that carries it', { ...carrying, settings: { ...carrying.settings, genericMediaUploadPrecheckMethod: 'POST' } }],
    ['the PostData of a service that carries it', { ...carrying, settings: { ...carrying.settings, genericMediaUploadPrecheckPostData: 'size=%sha1(md:%account[password]%)%' } }],
    ['headers that start to carry it', { ...carrying, settings: { ...carrying.settings, genericMediaUploadCustomHeaders: 'X-Echo: %account[password]%' } }],
    ['the auth user name of a service that carries it', { ...carrying, settings: { ...carrying.settings, genericMediaUploadPrecheckAuthUsername: '%sha1(%account[password]%)%' } }],
    ['a variable a carrying template salts with', { ...carrying, variables: { ...carrying.variables, sender: 'Other' } }],
    ['a setting a carrying template names', { ...carrying, settings: { ...carrying.settings, genericMediaUploadCustomHeaders: 'X: 1' } }],
    ['the user name a carrying template names', { ...carrying, username: 'other' }],
  ])('changes with %s', (_what, next) => {
    const before = next.kind === 'library' ? library : next.label === carrying.label ? carrying : generic;
    expect(secretDestinationChanged(before, next)).toBe(true);
  });

  it('changes with the …AuthPassword template of a service that carries it', () => {
    const auth = (value: string) => ({ genericMediaUploadPrecheckAuthPassword: value });
    expect(secretDestinationChanged(carrying, carrying, { previous: auth('a'), next: auth('%sha1(%account[password]%)%') })).toBe(true);
    expect(secretDestinationChanged(generic, generic, { previous: auth('a'), next: auth('b') })).toBe(false);
  });

  it.each<[string, AccountConfig, AccountConfig]>([
    ['the label', library, { ...library, label: 'Other' }],
    ['the user id', library, { ...library, userId: 'someone' }],
    ['a trailing slash or default port', library, { ...library, serverUrl: 'https://media.example.com:443/base/' }],
    ['a variable no URL uses', generic, { ...generic, variables: { ...generic.variables, sender: 'Other' } }],
    ['a template of a service that does not carry it', carrying, { ...carrying, settings: { ...carrying.settings, genericMediaUploadMultipartData: 'f=%media_content%&n=1' } }],
    ['the user name, when no carrying template names it', generic, { ...generic, username: 'other' }],
  ])('stays with %s', (_what, before, next) => {
    expect(secretDestinationChanged(before, next)).toBe(false);
  });
});
