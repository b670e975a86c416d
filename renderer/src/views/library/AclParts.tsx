// The access-list editor's pieces: one of the four lists with add, remove and paste-many; the lists as read; the
// changes as a diff.
import { useEffect, useId, useRef, useState } from 'react';
import { Trans, useTranslation } from '../../i18n';
import { ACL_LIST_NAMES, diffAcl, type Acl, type AclListName } from '../../../../main/common/library-acl';
import { libraryIdProblem, looksLikeLibraryUserId } from '../../../../main/common/library-ids';
import { PersonName } from '../../components/PersonName';
import { useDisplayNames } from '../../query/address-book';
import { nameList, quoted } from './format';

const SEPARATORS = /[\s,;]+/;

export function sameAcl(a: Acl, b: Acl): boolean {
  return !diffAcl(a, b).changed;
}

/**
 * The user ids among `ids` that are not the shape the library gives and that neither the user (`me`) nor the
 * address book knows: a partial id pasted ("US12"), pointed out before saving but kept, as the protocol takes any.
 */
export function unsureUserIds(ids: Iterable<string>, me: string | undefined, known: (id: string) => boolean): string[] {
  return [...new Set(ids)].filter((id) => id !== me && !looksLikeLibraryUserId(id) && !known(id));
}

/** The sentence pointing the unsure ids out; nothing when there are none. */
export function UnsureIdsHint({ ids }: { ids: readonly string[] }) {
  const { t } = useTranslation('library');
  if (ids.length === 0) return null;
  return <p className="hint acl-id-hint" data-testid="acl-unsure-ids">{t('aclList.unsureIds', { count: ids.length, ids: nameList(ids.map((id) => quoted(id.slice(0, 40))), 3) })}</p>;
}

export function AclListField({ name, ids, me, onChange }: { name: AclListName; ids: string[]; me: string | undefined; onChange: (ids: string[]) => void }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // The ids typed or pasted here: those the hint is about (a list read from the server is the server's business).
  const [typed, setTyped] = useState<ReadonlySet<string>>(new Set());
  const inputId = useId();
  const names = useDisplayNames();
  const { t } = useTranslation('library');
  const chips = useRef<HTMLUListElement>(null);
  const input = useRef<HTMLInputElement>(null);
  // A removed chip took the focus with it: it goes to the chip now in its place, else the one before, else the field.
  const refocus = useRef<number | null>(null);
  useEffect(() => {
    const at = refocus.current;
    if (at === null) return;
    refocus.current = null;
    const buttons = chips.current?.querySelectorAll<HTMLButtonElement>('.chip-remove') ?? [];
    (buttons[Math.min(at, buttons.length - 1)] ?? input.current)?.focus();
  }, [ids]);
  const remove = (index: number) => {
    refocus.current = index;
    onChange(ids.filter((_, i) => i !== index));
  };
  const title = t(`aclList.${name}.title`);
  const mark = name.endsWith('Users') ? t('mark.you') : t('mark.thisApp');
  const add = (raw: string) => {
    const parts = raw.split(SEPARATORS).map((p) => p.trim()).filter(Boolean);
    if (parts.length === 0) return;
    const bad: string[] = [];
    const next = [...ids];
    for (const part of parts) {
      const why = libraryIdProblem(part);
      if (why) bad.push(t('aclList.badId', { id: part.slice(0, 40), why }));
      else if (!next.includes(part)) next.push(part);
    }
    onChange(next);
    setTyped(new Set([...typed, ...next.filter((id) => !ids.includes(id))]));
    setProblem(bad.length > 0 ? t('aclList.notAdded', { ids: bad.join(t('list.separator')) }) : null);
    setText('');
  };
  return (
    <fieldset className="acl-list" data-list={name}>
      <legend>{title}</legend>
      {ids.length === 0 ? (
        <p className="subtle acl-none">{t('aclList.nobody')}</p>
      ) : (
        <ul ref={chips} className="chips acl-chips" aria-label={t('aclList.listed', { list: title, count: ids.length })}>
          {ids.map((id, index) => (
            <li key={id} className="chip">
              <PersonName id={id} names={names} mark={id === me ? mark : undefined} />
              <button type="button" className="chip-remove" aria-label={t(`aclList.${name}.remove`, { name: names.title(id) })} onClick={() => remove(index)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="inline acl-add">
        <input
          ref={input}
          id={inputId}
          type="text"
          value={text}
          aria-label={t(`aclList.${name}.add`)}
          placeholder={t(`aclList.${name}.placeholder`)}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add(text);
            }
          }}
          onPaste={(e) => {
            const pasted = e.clipboardData.getData('text');
            if (SEPARATORS.test(pasted.trim())) {
              e.preventDefault();
              add(`${text} ${pasted}`);
            }
          }}
        />
        <button type="button" className="small" onClick={() => add(text)}>{t('aclList.addButton')}</button>
      </div>
      {problem ? <p className="error acl-problem" role="alert">{problem}</p> : null}
      {name.endsWith('Users') ? <UnsureIdsHint ids={unsureUserIds(ids.filter((id) => typed.has(id)), me, names.known)} /> : null}
    </fieldset>
  );
}

export function ListsView({ acl }: { acl: Acl }) {
  const names = useDisplayNames();
  const { t } = useTranslation('library');
  return (
    <dl className="details acl-lists-view">
      {ACL_LIST_NAMES.map((name) => (
        <div key={name} className="details-row">
          <dt>{t(`aclList.${name}.title`)}</dt>
          <dd>
            {acl[name].length > 0 ? (
              <ul className="id-list">
                {acl[name].map((id) => (
                  <li key={id}><PersonName id={id} names={names} fullId /></li>
                ))}
              </ul>
            ) : (
              <span className="subtle">{t('aclList.nobodyInList')}</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function DiffView({ before, after }: { before: Acl; after: Acl }) {
  const diff = diffAcl(before, after);
  const names = useDisplayNames();
  const { t } = useTranslation('library');
  if (!diff.changed) return <p className="subtle">{t('diff.none')}</p>;
  return (
    <ul className="acl-diff" aria-label={t('diff.label')}>
      {ACL_LIST_NAMES.flatMap((name) => [
        ...diff[name].added.map((id) => (
          <li key={`+${name}${id}`} className="diff-added">
            <span aria-hidden="true">{t('diff.addedMark')} </span>
            <Trans t={t} i18nKey={`diff.${name}.added`} components={{ who: <PersonName id={id} names={names} fullId /> }} />
          </li>
        )),
        ...diff[name].removed.map((id) => (
          <li key={`-${name}${id}`} className="diff-removed">
            <span aria-hidden="true">{t('diff.removedMark')} </span>
            <Trans t={t} i18nKey={`diff.${name}.removed`} components={{ who: <PersonName id={id} names={names} fullId /> }} />
          </li>
        )),
      ])}
    </ul>
  );
}

/** "Who can read: …": a label and its sentence (the label's colon is the language's own). */
export function SummaryLine({ label, text, testId }: { label: string; text: string; testId?: string }) {
  const { t } = useTranslation('library');
  return (
    <p className="acl-summary-line" data-testid={testId}>
      <Trans t={t} i18nKey="acl.labelled" values={{ label, text }} components={{ label: <strong /> }} />
    </p>
  );
}
