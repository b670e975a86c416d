// The access-list editor's pieces: one of the four lists with add, remove and paste-many; the lists as read; the
// changes as a diff.
import { useId, useState } from 'react';
import { ACL_LIST_NAMES, diffAcl, type Acl, type AclListName } from '../../../../main/common/library-acl';
import { libraryIdProblem } from '../../../../main/common/library-ids';
import { PersonName } from '../../components/PersonName';
import { useDisplayNames } from '../../query/address-book';

export const LIST_LABEL: Record<AclListName, { title: string; noun: string; op: string }> = {
  readUsers: { title: 'Read · users', noun: 'user', op: 'read' },
  readApps: { title: 'Read · applications', noun: 'application', op: 'read' },
  writeUsers: { title: 'Write · users', noun: 'user', op: 'write' },
  writeApps: { title: 'Write · applications', noun: 'application', op: 'write' },
};

const SEPARATORS = /[\s,;]+/;

export function sameAcl(a: Acl, b: Acl): boolean {
  return !diffAcl(a, b).changed;
}

export function AclListField({ name, ids, me, onChange }: { name: AclListName; ids: string[]; me: string | undefined; onChange: (ids: string[]) => void }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const names = useDisplayNames();
  const label = LIST_LABEL[name];
  const mark = name.endsWith('Users') ? '(you)' : '(this app)';
  const add = (raw: string) => {
    const parts = raw.split(SEPARATORS).map((p) => p.trim()).filter(Boolean);
    if (parts.length === 0) return;
    const bad: string[] = [];
    const next = [...ids];
    for (const part of parts) {
      const why = libraryIdProblem(part);
      if (why) bad.push(`"${part.slice(0, 40)}" (${why})`);
      else if (!next.includes(part)) next.push(part);
    }
    onChange(next);
    setProblem(bad.length > 0 ? `Not added: ${bad.join(', ')}.` : null);
    setText('');
  };
  return (
    <fieldset className="acl-list" data-list={name}>
      <legend>{label.title}</legend>
      {ids.length === 0 ? (
        <p className="subtle acl-none">Nobody listed</p>
      ) : (
        <ul className="chips acl-chips" aria-label={`${label.title}: ${ids.length} listed`}>
          {ids.map((id) => (
            <li key={id} className="chip">
              <PersonName id={id} names={names} mark={id === me ? mark : undefined} />
              <button type="button" className="chip-remove" aria-label={`Remove ${names.title(id)} from ${label.title.toLowerCase()}`} onClick={() => onChange(ids.filter((x) => x !== id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="inline acl-add">
        <input
          id={inputId}
          type="text"
          value={text}
          aria-label={`Add ${label.noun}s who can ${label.op}`}
          placeholder={`${label.noun} id — or paste many`}
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
        <button type="button" className="small" onClick={() => add(text)}>Add</button>
      </div>
      {problem ? <p className="error acl-problem" role="alert">{problem}</p> : null}
    </fieldset>
  );
}

export function ListsView({ acl }: { acl: Acl }) {
  const names = useDisplayNames();
  return (
    <dl className="details acl-lists-view">
      {ACL_LIST_NAMES.map((name) => (
        <div key={name} className="details-row">
          <dt>{LIST_LABEL[name].title}</dt>
          <dd>
            {acl[name].length > 0 ? (
              <ul className="id-list">
                {acl[name].map((id) => (
                  <li key={id}><PersonName id={id} names={names} fullId /></li>
                ))}
              </ul>
            ) : (
              <span className="subtle">nobody</span>
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
  if (!diff.changed) return <p className="subtle">No changes: the lists are as the server has them.</p>;
  return (
    <ul className="acl-diff" aria-label="Changes to be saved">
      {ACL_LIST_NAMES.flatMap((name) => [
        ...diff[name].added.map((id) => (
          <li key={`+${name}${id}`} className="diff-added">
            <span aria-hidden="true">+ </span>Add <PersonName id={id} names={names} fullId /> to {LIST_LABEL[name].title.toLowerCase()}
          </li>
        )),
        ...diff[name].removed.map((id) => (
          <li key={`-${name}${id}`} className="diff-removed">
            <span aria-hidden="true">− </span>Remove <PersonName id={id} names={names} fullId /> from {LIST_LABEL[name].title.toLowerCase()}
          </li>
        )),
      ])}
    </ul>
  );
}

