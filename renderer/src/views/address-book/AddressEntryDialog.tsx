// Adding or editing one address book entry: checked as typed by the same rules main applies
// (main/common/address-book.ts), the first problem focused on a failed save.
import { useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { addressEntrySchema, type AddressEntry } from '../../../../main/common/address-book';
import { plainErrors } from '../../../../main/common/validation-messages';
import { messageOf } from '../../bridge';
import { Field } from '../../components/Field';
import { useModalDialog } from '../../hooks/useModalDialog';
import { useSaveAddress } from '../../query/address-book';

type FieldName = 'id' | 'kind' | 'name' | 'note';
const ORDER: FieldName[] = ['id', 'kind', 'name', 'note'];

function problemsOf(draft: AddressEntry): Partial<Record<FieldName, string>> {
  const parsed = addressEntrySchema.safeParse(draft, { error: plainErrors });
  if (parsed.success) return {};
  const out: Partial<Record<FieldName, string>> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as FieldName;
    out[key] ??= issue.message;
  }
  return out;
}

interface AddressEntryDialogProps {
  /** The entry edited; undefined to add one. */
  entry: AddressEntry | undefined;
  /** Ids already in the book, so adding one twice is said before it replaces the other. */
  taken: ReadonlySet<string>;
  onClose: () => void;
}

export function AddressEntryDialog({ entry, taken, onClose }: AddressEntryDialogProps) {
  const { t } = useTranslation(['addressBook', 'common']);
  const ref = useModalDialog();
  const save = useSaveAddress();
  const [draft, setDraft] = useState<AddressEntry>(entry ?? { id: '', kind: 'user', name: '', note: '' });
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<unknown>();
  const inputs = useRef<Partial<Record<FieldName, HTMLElement | null>>>({});
  const problems = problemsOf(draft);
  if (!entry && taken.has(draft.id)) problems.id ??= t('entry.idTaken');
  const shown = (field: FieldName) => (tried || (field !== 'name' && field !== 'id') ? problems[field] : undefined);
  const set = (field: FieldName, value: string) => setDraft((d) => ({ ...d, [field]: value }));

  const submit = async () => {
    setTried(true);
    setError(undefined);
    const first = ORDER.find((field) => problems[field]);
    if (first) {
      inputs.current[first]?.focus();
      inputs.current[first]?.scrollIntoView?.({ block: 'nearest' });
      return;
    }
    try {
      await save.mutateAsync(addressEntrySchema.parse(draft));
      onClose();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <dialog ref={ref} className="dialog wide" aria-labelledby="address-entry-title" onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <h2 id="address-entry-title">{entry ? t('entry.editTitle', { name: entry.name }) : t('entry.addTitle')}</h2>
      <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Field label={t('entry.id')} hint={entry ? t('entry.idFixedHint') : t('entry.idHint')} error={shown('id')}>
          {(a11y) => (
            <input {...a11y} ref={(el) => { inputs.current.id = el; }} className="mono" type="text" value={draft.id} readOnly={Boolean(entry)} autoFocus={!entry} spellCheck={false} autoComplete="off" onChange={(e) => set('id', e.target.value)} />
          )}
        </Field>
        <Field label={t('entry.kind')} error={shown('kind')}>
          {(a11y) => (
            <select {...a11y} ref={(el) => { inputs.current.kind = el; }} value={draft.kind} onChange={(e) => set('kind', e.target.value)}>
              <option value="user">{t('kind.user')}</option>
              <option value="app">{t('kind.app')}</option>
            </select>
          )}
        </Field>
        <Field label={t('entry.name')} hint={t('entry.nameHint')} error={shown('name')}>
          {(a11y) => <input {...a11y} ref={(el) => { inputs.current.name = el; }} type="text" value={draft.name} autoFocus={Boolean(entry)} onChange={(e) => set('name', e.target.value)} />}
        </Field>
        <Field label={t('entry.note')} hint={t('entry.noteHint')} error={shown('note')}>
          {(a11y) => <textarea {...a11y} ref={(el) => { inputs.current.note = el; }} rows={3} value={draft.note} onChange={(e) => set('note', e.target.value)} />}
        </Field>
        {error !== undefined ? <p className="banner bad" role="alert">{messageOf(error)}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t('common:action.cancel')}</button>
          <button type="submit" className="primary" disabled={save.isPending}>{save.isPending ? t('entry.saving') : entry ? t('common:action.save') : t('entry.add')}</button>
        </div>
      </form>
    </dialog>
  );
}
