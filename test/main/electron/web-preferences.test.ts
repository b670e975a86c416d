import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../../main/electron/web-preferences';

describe('the window web preferences', () => {
  const prefs = secureWebPreferences('/app/preload/index.cjs');
  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
    ['disableBlinkFeatures', 'Auxclick'],
  ] as const)('sets %s to %s', (key, value) => {
    expect(prefs[key]).toBe(value);
  });
  it('loads the given preload', () => {
    expect(prefs.preload).toBe('/app/preload/index.cjs');
  });
});
