import { useState } from 'react';
import { useTranslation } from '../i18n';
import { useModalDialog } from '../hooks/useModalDialog';
import type { ImportedAccountDraft } from '../../../main/common/contract';
import { call, messageOf } from '../bridge';

/** What the provider's file looks like: XML, the same in every language. */
const EXAMPLE = { xml: '<account><username>…</username><genericMediaUploadUrl>https://…</genericMediaUploadUrl>…</account>' };

/** Paste the provider's Account XML; main parses it (no DOCTYPE, bounded size) into a draft for the form. */
export function ImportXmlDialog({ onImported, onClose }: { onImported: (draft: ImportedAccountDraft) => void; onClose: () => void }) {
  const ref = useModalDialog();
  const [xml, setXml] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation(['settings', 'common']);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onImported(await call('generic.importAccountXml', { xml }));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} className="dialog wide" aria-labelledby="import-title" onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <h2 id="import-title">{t('import.title')}</h2>
      <div className="field">
        <label htmlFor="import-xml">{t('import.label')}</label>
        <textarea id="import-xml" rows={12} spellCheck={false} value={xml} onChange={(e) => setXml(e.target.value)} placeholder={EXAMPLE.xml} />
        <div className="hint">{t('import.hint')}</div>
      </div>
      {error ? <p className="banner bad" role="alert">{error}</p> : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>{t('common:action.cancel')}</button>
        <button type="button" className="primary" disabled={busy || xml.trim() === ''} onClick={() => void submit()}>{t('import.import')}</button>
      </div>
    </dialog>
  );
}
