// A server's words travel inside phrases as values ("…refused the upload at the precheck: {{said}}"). i18next reads
// its own syntax in catalogue lines; it must never read it in a value: no interpolation of another value, no $t()
// nesting that pulls in a catalogue line (or another language), no format call, no markup made live, nothing cut.
import { describe, expect, it } from 'vitest';
import { AppError, redactWords } from '../../main/common/errors';
import { inEnglish, phrase, sayPhrase } from '../../main/common/i18n/phrase';
import { createTranslator } from '../../main/common/i18n/translator';
import { ja } from '../../main/common/i18n/locales/ja/index';

const HOSTILE = [
  '{{server}}',
  '{{- server}}',
  '{{said, uppercase}} {{status, bytes}}',
  '$t(errors:generic.internal)',
  '$t(errors:generic.internal, {"lng": "ja"})',
  '$t(errors:generic.refusedPrecheckSaid, {"said": "$t(errors:generic.internal)"})',
  'nested {{said}} $t(common:appName) %s %d %1$s ${process.env.HOME}',
  '<img src=x onerror=alert(1)> &amp; &lt;',
  '__proto__',
  'constructor.prototype.polluted',
  `long ${'x'.repeat(100_000)} end`,
];

const said = (value: string) => phrase('errors:generic.refusedPrecheckSaid', { server: 'files.example', status: 'HTTP 401', said: value });

describe("a server's words in a phrase", () => {
  it('are said as they are, in English and in Japanese', () => {
    const japanese = createTranslator('ja', { ja });
    for (const value of HOSTILE) {
      expect(inEnglish(said(value)), value.slice(0, 60)).toBe(`files.example refused the upload at the precheck: ${value} (HTTP 401).`);
      expect(sayPhrase(japanese, said(value)), value.slice(0, 60)).toBe(`files.example が事前チェックでアップロードを拒否しました：${value}（HTTP 401）`);
    }
  });

  it('as value names, prototype keys neither pollute nor break the sentence', () => {
    const values = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": "c", "said": "ok", "server": "s", "status": "st"}') as Record<string, string>;
    expect(inEnglish({ key: 'errors:generic.refusedPrecheckSaid', values })).toBe('s refused the upload at the precheck: ok (st).');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keep their own words when redacted: only the secret goes', () => {
    const error = new AppError('unauthorized', said('{{said}} key=abc-SECRET-123 $t(errors:generic.internal)'));
    const redacted = redactWords(error.toData(), (text) => text.split('abc-SECRET-123').join('[redacted]'));
    expect(redacted.message).toBe('files.example refused the upload at the precheck: {{said}} key=[redacted] $t(errors:generic.internal) (HTTP 401).');
    expect(inEnglish(redacted.phrase ?? said(''))).toBe(redacted.message);
  });
});
