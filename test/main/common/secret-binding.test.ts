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
  ])('changes with %s', (_what, next) => {
    const before = next.kind === 'library' ? library : generic;
    expect(secretDestinationChanged(before, next)).toBe(true);
  });

  it.each<[string, AccountConfig, AccountConfig]>([
    ['the label', library, { ...library, label: 'Other' }],
    ['the user id', library, { ...library, userId: 'someone' }],
    ['a trailing slash or default port', library, { ...library, serverUrl: 'https://media.example.com:443/base/' }],
    ['a variable no URL uses', generic, { ...generic, variables: { ...generic.variables, sender: 'Other' } }],
  ])('stays with %s', (_what, before, next) => {
    expect(secretDestinationChanged(before, next)).toBe(false);
  });
});
