import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHostArgs } from '../../../main/app/paths';

const BROWSER_HOST = ['--data-dir', '--port', '--downloads'];

describe('host arguments', () => {
  it("takes the browser host's Downloads folder from --downloads only, as a full path", () => {
    expect(parseHostArgs(['--downloads', 'dl', '--data-dir', '/tmp/d'], BROWSER_HOST)).toEqual({ dataDir: '/tmp/d', port: undefined, downloads: path.resolve('dl') });
    expect(parseHostArgs(['--data-dir=/tmp/d'], BROWSER_HOST).downloads).toBeUndefined();
    expect(() => parseHostArgs(['--downloads'], BROWSER_HOST)).toThrow(/needs a value/);
  });
  it('refuses --downloads where the host does not take it (Electron asks with its dialog)', () => {
    expect(() => parseHostArgs(['--downloads', '/tmp/x'])).toThrow(/Unknown option --downloads/);
  });
});
