// Settings: the folder each kind of download was last saved to, which main offers the next time its folder dialog
// opens, each with Forget. The window names the kind; main drops the path it recorded. Forgetting touches no file,
// so it asks no question: it says what happened instead, and keeps the keyboard focus in the section.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { DownloadKind, Settings } from '../../../main/common/contract';
import { messageOf } from '../bridge';
import { useTranslation } from '../i18n';
import { forgetDownloadFolder } from '../query/settings';

/** Each kind's label; `satisfies` makes a new kind of download fail to compile until it is named here. */
const KIND_LABELS = { library: 'folders.kind.library', twilio: 'folders.kind.twilio' } as const satisfies Record<DownloadKind, string>;
const KINDS = Object.keys(KIND_LABELS) as DownloadKind[];

export function DownloadFoldersSection({ folders, host }: { folders: Settings['downloadFolders']; host: 'electron' | 'browser' }) {
  const client = useQueryClient();
  const { t } = useTranslation('settings');
  const idBase = useId();
  const [said, setSaid] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<DownloadKind>();
  /** The kind just forgotten, until its row has left the page and the focus has moved on. */
  const [gone, setGone] = useState<DownloadKind>();
  const list = useRef<HTMLDListElement>(null);
  const statusLine = useRef<HTMLParagraphElement>(null);
  const remembered = KINDS.flatMap((kind) => {
    const folder = folders[kind];
    return folder === undefined ? [] : [{ kind, folder }];
  });
  // The row and its button are gone: the focus goes to the next Forget, else to the sentence that says what happened.
  useEffect(() => {
    if (gone === undefined || folders[gone] !== undefined) return;
    (list.current?.querySelector<HTMLButtonElement>('button') ?? statusLine.current)?.focus();
    setGone(undefined);
  }, [gone, folders]);
  // The browser host never remembers a folder (its downloads go to one fixed folder): only a data folder the desktop
  // app also used has some, and then they are shown.
  if (host === 'browser' && remembered.length === 0 && said === undefined) return null;

  const forget = async (kind: DownloadKind) => {
    // Not disabled while main answers: a disabled button would drop the keyboard focus to the page.
    if (busy !== undefined) return;
    setError(undefined);
    setSaid(undefined);
    setBusy(kind);
    try {
      await forgetDownloadFolder(client, kind);
      setSaid(t('folders.forgotten', { kind: t(KIND_LABELS[kind]) }));
      setGone(kind);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <fieldset className="download-folders">
      <legend>{t('folders.legend')}</legend>
      <p className="hint">{t('folders.hint', { where: t(host === 'electron' ? 'folders.hint.electron' : 'folders.hint.browser'), forget: t('folders.forgetHint') })}</p>
      {remembered.length === 0 ? (
        <p className="subtle">{t('folders.none')}</p>
      ) : (
        <dl className="details folder-list" ref={list}>
          {remembered.map(({ kind, folder }) => (
            <div className="details-row" key={kind}>
              <dt id={`${idBase}-${kind}`}>{t(KIND_LABELS[kind])}</dt>
              <dd className="folder-entry">
                <span className="mono">{folder}</span>
                <button type="button" className="small" aria-label={t('folders.forgetLabel', { kind: t(KIND_LABELS[kind]) })} onClick={() => void forget(kind)}>
                  {t('folders.forget')}
                </button>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {error ? <p className="banner bad" role="alert">{error}</p> : null}
      <p role="status" className="subtle" ref={statusLine} tabIndex={-1}>{said ?? ''}</p>
    </fieldset>
  );
}
