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
  return <MarkedName text={known || !fullId ? names.name(id) : id} mono={!known} title={names.title(id)} mark={mark} />;
}

interface MarkedNameProps {
  text: string;
  mark?: string | undefined;
  /** `mark` is a compact badge ("you", where a table column has no room for "(you)"); these are its full words, read out instead. */
  markLabel?: string | undefined;
  title?: string | undefined;
  mono?: boolean;
}

/** A name or id that gives way (cut with an ellipsis) so that its mark, "(you)", never does. */
export function MarkedName({ text, mark, markLabel, title, mono }: MarkedNameProps) {
  return (
    <span className="person" title={title}>
      <bdi className={mono ? 'person-name mono' : 'person-name'}>{text}</bdi>
      {mark && markLabel ? (
        <>
          <span className="you person-mark person-badge" aria-hidden="true">{mark}</span>
          <span className="visually-hidden">{markLabel}</span>
        </>
      ) : mark ? (
        <span className="you person-mark">{mark}</span>
      ) : null}
    </span>
  );
}
