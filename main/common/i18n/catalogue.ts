// The shape of a catalogue, taken from the English one: English is the source every other language translates.
// Keys are flat within a namespace ("upload.tooLarge"), so keySeparator is off and a key reads the same in code,
// in the JSON and in a search. Plural forms carry i18next's suffixes (_one, _other; Japanese has only _other).
import { en } from './locales/en/index.js';

export type Namespace = keyof typeof en;
export const NAMESPACES = Object.keys(en) as Namespace[];

/** A translation of every namespace; which keys must be there is checked by test, not by type (plural forms differ). */
export type Catalogue = Record<Namespace, Record<string, string>>;

export const english: Catalogue = en;

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** "files_one" and "files_other" are one key, "files", to code and to the completeness check. */
export function baseKey(key: string): string {
  return key.replace(PLURAL_SUFFIX, '');
}

type PluralBase<K extends string> = K extends `${infer Base}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? Base : K;

/** Every key code may name, written "namespace:key". */
export type MessageKey = { [N in Namespace]: `${N}:${PluralBase<keyof (typeof en)[N] & string>}` }[Namespace];
