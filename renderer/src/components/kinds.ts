// The three kinds of account, in the order they are shown. Their names, descriptions and the sentences about them
// are in the shell catalogue under kind.<kind>.*: kindKey builds those keys, so each sentence stays whole.
import type { AccountKind } from '../../../main/common/accounts';

export const KIND_ORDER: AccountKind[] = ['generic', 'library', 'twilio'];

type KindText = 'label' | 'description' | 'add' | 'navAdd' | 'firstStep';

/** The shell catalogue's key for a sentence about a kind: t(kindKey(kind, 'label')). */
export function kindKey<K extends AccountKind, P extends KindText>(kind: K, part: P): `kind.${K}.${P}` {
  return `kind.${kind}.${part}`;
}
