// The catalogues are complete and consistent: every key English has, Japanese has, in every plural form Japanese
// uses, with the same {{values}}; nothing is left in English by mistake; the glossary's terms are used as written.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baseKey, english, NAMESPACES, type Catalogue } from '../../../../main/common/i18n/catalogue';
import { LANGUAGES, type Language } from '../../../../main/common/i18n/languages';
import { ja } from '../../../../main/common/i18n/locales/ja/index';

const catalogues: Record<Language, Catalogue> = { en: english, ja };

/** Keys whose text is the same in every language (names, not words). */
const SAME_IN_EVERY_LANGUAGE = new Set(['common:app.name', 'shell:kind.twilio.label']);

function valuesOf(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1] ?? '').sort();
}

function pluralFormsOf(language: Language): string[] {
  return new Intl.PluralRules(language).resolvedOptions().pluralCategories;
}

describe.each(LANGUAGES.filter((l) => l !== 'en'))('the %s catalogue', (language) => {
  const catalogue = catalogues[language];

  it.each(NAMESPACES)('has every key of English namespace "%s", and no other', (ns) => {
    const englishKeys = new Set(Object.keys(english[ns]).map(baseKey));
    const translatedKeys = new Set(Object.keys(catalogue[ns]).map(baseKey));
    expect([...englishKeys].filter((k) => !translatedKeys.has(k)), 'missing').toEqual([]);
    expect([...translatedKeys].filter((k) => !englishKeys.has(k)), 'not in English').toEqual([]);
  });

  it.each(NAMESPACES)('says every plural of namespace "%s" in the forms the language has', (ns) => {
    const plurals = new Set(Object.keys(english[ns]).filter((k) => baseKey(k) !== k).map(baseKey));
    const missing: string[] = [];
    for (const key of plurals) for (const form of pluralFormsOf(language)) if (!(`${key}_${form}` in catalogue[ns])) missing.push(`${key}_${form}`);
    expect(missing).toEqual([]);
  });

  it.each(NAMESPACES)('keeps the {{values}} of each sentence in namespace "%s"', (ns) => {
    const wrong: string[] = [];
    for (const [key, text] of Object.entries(catalogue[ns])) {
      const source = english[ns][key] ?? english[ns][`${baseKey(key)}_other`] ?? english[ns][baseKey(key)];
      if (source !== undefined && valuesOf(source).join() !== valuesOf(text).join()) wrong.push(`${ns}:${key}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(NAMESPACES)('leaves nothing of namespace "%s" empty or in English', (ns) => {
    const untranslated = Object.entries(catalogue[ns])
      .filter(([key, text]) => text.trim() === '' || (text === english[ns][key] && /[a-z]{3}/i.test(text) && !SAME_IN_EVERY_LANGUAGE.has(`${ns}:${key}`)))
      .map(([key]) => `${ns}:${key}`);
    expect(untranslated).toEqual([]);
  });
});

describe('the glossary', () => {
  const rows = readFileSync(new URL('../../../../main/common/i18n/GLOSSARY.md', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| English') && !line.startsWith('|---'))
    .map((line) => line.split('|').map((cell) => cell.trim()));

  it('lists terms', () => {
    expect(rows.length).toBeGreaterThan(10);
  });

  it('is followed: no Japanese line uses a spelling the glossary rules out', () => {
    const avoided = rows.flatMap(([, , , , avoid]) => (avoid ? avoid.split(',').map((a) => a.trim().replace(/^`|`$/g, '')).filter(Boolean) : []));
    const offending: string[] = [];
    for (const ns of NAMESPACES) {
      for (const [key, text] of Object.entries(ja[ns])) for (const pattern of avoided) if (new RegExp(pattern, 'u').test(text)) offending.push(`${ns}:${key} (${pattern})`);
    }
    expect(offending).toEqual([]);
  });
});
