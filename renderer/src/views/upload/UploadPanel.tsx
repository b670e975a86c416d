import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AccountSummary } from '../../../../main/common/accounts';
import type { CheckedFile, FileRef } from '../../../../main/common/contract';
import { call, messageOf, UiError } from '../../bridge';
import { StagingProgress } from '../../components/StagingRows';
import { cancelStaging, cancelStagings, releaseFiles, stageFile, useStagings, wasCancelled } from '../../store/stagings-store';
import { i18n, useFormats, useTranslation } from '../../i18n';
import { useWindowFileDrop } from '../../hooks/useFileDrop';
import { useAppStore } from '../../store/app-store';
import { useNoticeWhile, useNotices } from '../../store/notices-store';
import { useTransfers } from '../../store/transfers-store';
import { FINAL_STATES } from '../../../../main/common/transfers';
import { TransferList } from '../../components/TransferList';
import { RecipientsInput, recipientsProblem } from './RecipientsInput';

interface Pending {
  key: string;
  name: string;
  /** Dropped or picked files; files the OS opened the desktop app with have only their ref. */
  file?: File;
  status: 'preparing' | 'ready' | 'refused';
  ref?: FileRef;
  checked?: CheckedFile;
  /** Why the file is refused: main's refusal or what failed here, said in the reader's language when shown. */
  error?: unknown;
}

let keySeq = 0;

/**
 * An object URL for the file while the component that shows it is mounted: revoked when the file leaves the list
 * (removed, sent), when the panel goes, and when the file changes. None for no file.
 */
function useObjectUrl(file: File | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!file) return;
    const created = URL.createObjectURL(file);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [file]);
  return url;
}

function Thumbnail({ item }: { item: Pending }) {
  const type = item.checked?.contentType;
  const url = useObjectUrl(type ? item.file : undefined);
  if (!item.file || !url) return <div className="thumb thumb-empty" aria-hidden="true">{item.status === 'preparing' ? '…' : item.status === 'ready' ? '✓' : '✕'}</div>;
  if (type === 'video/mp4') return <video className="thumb" src={url} muted preload="metadata" aria-hidden="true" />;
  if (type === 'image/jpeg') return <img className="thumb" src={url} alt="" />;
  return <div className="thumb thumb-empty" aria-hidden="true">{item.status === 'preparing' ? '…' : '✕'}</div>;
}

export function UploadPanel({ account }: { account: AccountSummary }) {
  const { t } = useTranslation(['upload', 'shell', 'common']);
  const f = useFormats();
  const [pending, setPending] = useState<Pending[]>([]);
  const [recipients, setRecipients] = useState<string[]>([]);
  const [description, setDescription] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>();
  // What main said about the recipients ("Enter at least one recipient…"): shown on the field, gone once they change.
  const [recipientsError, setRecipientsError] = useState<UiError>();
  const recipientsField = useRef<HTMLInputElement>(null);
  const notices = useNotices();
  const input = useRef<HTMLInputElement>(null);

  const group = `upload:${account.id}`;
  // What is listed now, for what runs after an await (a file removed while it was copied) and for leaving the view.
  const listed = useRef(pending);
  listed.current = pending;
  const addFiles = useCallback(async (files: File[] | Array<{ ref: FileRef; name: string }>) => {
    setError(undefined);
    const added: Pending[] = files.map((file) =>
      file instanceof File
        ? { key: `p${++keySeq}`, name: file.name, file, status: 'preparing' }
        : { key: `p${++keySeq}`, name: file.name, ref: file.ref, status: 'preparing' },
    );
    setPending((p) => [...p, ...added]);
    for (const item of added) {
      let update: Partial<Pending>;
      try {
        // One at a time, each with its bytes and a Cancel while the browser host copies it.
        const ref = item.ref ?? (item.file ? await stageFile(item.file, group, item.key) : undefined);
        if (!ref) throw new Error(i18n.t('upload:file.unreadable'));
        const [checked] = await call('generic.checkFiles', { files: [ref] });
        // A file that cannot be sent, or was removed meanwhile, needs no copy on the host.
        if (checked?.error || !listed.current.some((x) => x.key === item.key)) releaseFiles([ref]);
        update = checked?.error ? { status: 'refused', checked, error: new UiError(checked.error) } : { status: 'ready', ref, ...(checked ? { checked } : {}) };
      } catch (err) {
        if (wasCancelled(err)) {
          setPending((p) => p.filter((x) => x.key !== item.key));
          continue;
        }
        update = { status: 'refused', error: err };
      }
      setPending((p) => p.map((x) => (x.key === item.key ? { ...x, ...update } : x)));
    }
  }, [group]);
  const stagings = useStagings((s) => s.stagings);
  // Leaving the view gives up its copies under way and the ones not sent.
  useEffect(
    () => () => {
      cancelStagings(group);
      releaseFiles(listed.current.flatMap((x) => (x.ref ? [x.ref] : [])));
    },
    [group],
  );

  const dragging = useWindowFileDrop({ onDrop: (files) => void addFiles(files) });
  // Files the OS opened the app with are checked by their bytes, exactly like a drop.
  const opened = useAppStore((s) => s.openedFiles);
  useEffect(() => {
    if (opened.length === 0) return;
    useAppStore.setState({ openedFiles: [] });
    void addFiles(opened);
  }, [opened, addFiles]);
  const ready = pending.filter((p) => p.status === 'ready' && p.ref);
  const recipientsInvalid = recipientsProblem(recipients) !== undefined;
  const remove = (item: Pending) => {
    cancelStaging(item.key);
    if (item.ref) releaseFiles([item.ref]);
    setPending((p) => p.filter((x) => x.key !== item.key));
  };

  const send = async () => {
    setSending(true);
    setError(undefined);
    try {
      await call('generic.upload', { accountId: account.id, files: ready.map((p) => p.ref as FileRef), recipients, description });
      setPending((p) => p.filter((x) => x.status !== 'ready'));
    } catch (err) {
      if (err instanceof UiError && err.details?.field?.split('.')[0] === 'recipients') {
        setRecipientsError(err);
        // As the account form does with its first bad field: the field to fix has the focus (Upload was disabled).
        recipientsField.current?.focus();
      } else setError(err);
    } finally {
      setSending(false);
    }
  };

  const items = useTransfers((s) => s.items);
  const order = useTransfers((s) => s.order);
  useEffect(() => {
    void useTransfers.getState().load();
  }, []);
  const history = useMemo(() => order.map((id) => items.get(id)).filter((i) => i !== undefined && i.accountId === account.id).reverse(), [items, order, account.id]) as NonNullable<ReturnType<typeof items.get>>[];
  // Said in the notice area while this account's uploads run, and gone when the last one ends.
  const running = history.filter((i) => i.direction === 'upload' && !FINAL_STATES.includes(i.state)).length;
  useNoticeWhile(`upload:${account.id}:running`, running > 0 ? { level: 'info', text: t('notice.uploading', { count: running, account: account.label }) } : null);
  const copy = (url: string) => {
    // One "copied" notice at a time: the latest copy replaces the previous one.
    navigator.clipboard.writeText(url).then(
      () => notices.show({ key: 'upload.copied', level: 'ok', text: t('notice.copied', { url }) }),
      () => notices.show({ key: 'upload.copied', level: 'error', text: t('notice.notCopied') }),
    );
  };

  return (
    <div className="upload-panel">
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        role="button"
        tabIndex={0}
        aria-label={t('drop.label')}
        onClick={() => input.current?.click()}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            input.current?.click();
          }
        }}
      >
        <strong>{dragging ? t('drop.dragging') : t('drop.title')}</strong>
        <span className="subtle">{t('drop.hint')}</span>
        <input
          ref={input}
          type="file"
          multiple
          accept="image/jpeg,video/mp4"
          hidden
          data-testid="file-input"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length > 0) void addFiles(files);
          }}
        />
      </div>

      {pending.length > 0 ? (
        <ul className="pending-list" aria-label={t('files.label')}>
          {pending.map((item) => {
            const staging = stagings.find((x) => x.key === item.key && x.group === group);
            return (
            <li key={item.key} className={`pending pending-${item.status}`}>
              <Thumbnail item={item} />
              <div className="pending-info">
                <span className="pending-name">{item.name}</span>
                {staging ? <StagingProgress staging={staging} /> : <span className="subtle">
                  {item.status === 'preparing'
                    ? t('files.checking')
                    : item.checked?.contentType
                      ? t(item.checked.contentType === 'image/jpeg' ? 'files.jpeg' : 'files.mp4', { size: f.bytes(item.checked.size) })
                      : item.file ? f.bytes(item.file.size) : ''}
                </span>}
                {item.error !== undefined ? <span className="pending-error" role="alert">{messageOf(item.error)}</span> : null}
              </div>
              {staging ? (
                <button type="button" className="small" onClick={() => remove(item)} aria-label={t('shell:staging.cancelLabel', { name: item.name })}>{t('common:action.cancel')}</button>
              ) : (
                <button type="button" className="small" onClick={() => remove(item)} aria-label={t('files.removeLabel', { name: item.name })}>{t('files.remove')}</button>
              )}
            </li>
            );
          })}
        </ul>
      ) : null}

      <div className="upload-form">
        <RecipientsInput
          value={recipients}
          inputRef={recipientsField}
          error={recipientsError ? messageOf(recipientsError) : undefined}
          onChange={(next) => {
            setRecipients(next);
            setRecipientsError(undefined);
          }}
        />
        <div className="field">
          <label htmlFor="upload-description">{t('form.description')}</label>
          <textarea id="upload-description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        {error !== undefined ? <p className="banner bad" role="alert">{messageOf(error)}</p> : null}
        <div className="form-actions">
          <button type="button" className="primary" disabled={ready.length === 0 || sending || recipientsInvalid} onClick={() => void send()}>
            {sending ? t('form.queuing') : ready.length === 0 ? t('form.upload') : t('form.uploadFiles', { count: ready.length })}
          </button>
        </div>
      </div>

      <h2 className="section-title">{t('history.title')}</h2>
      {history.length === 0 ? (
        <p className="empty">{t('history.empty')}</p>
      ) : (
        <TransferList items={history} label={t('history.label', { account: account.label })} onCopy={copy} />
      )}
    </div>
  );
}
