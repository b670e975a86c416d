// A user or application id as people read it: its name from the address book (or the id, shortened), the full id
// on hover, and "(you)" / "(this app)" kept whole beside it however narrow the space. <bdi> keeps a right-to-left
// name from reordering the text around it.
import type { DisplayNames } from '../query/address-book';

interface PersonNameProps {
  id: string;
  names: DisplayNames;
  /** Shown after the name, never cut off: "(you)", "(this app)". */
  mark?: string | undefined;
  /** Show an unnamed id whole instead of shortened (where the id itself is the information, as in the details). */
  fullId?: boolean;
}

export function PersonName({ id, names, mark, fullId }: PersonNameProps) {
  const known = names.known(id);
  return (
    <span className="person" title={names.title(id)}>
      <bdi className={known ? 'person-name' : 'person-name mono'}>{known || !fullId ? names.name(id) : id}</bdi>
      {mark ? <span className="you person-mark">{mark}</span> : null}
    </span>
  );
}
