import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from '../i18n';
import { answerLeave, registerUnsavedWork, useLeaveGuard, type UnsavedWork } from '../store/leave-guard';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * Registers a form's unsaved work (null: none) for as long as it has some, and returns the question to render when
 * a leave asks about it: "Keep editing" (the focus starts there, Escape too) or "Discard". The form renders it
 * itself, so the question shows over the form it is about, in whatever tree the form is rendered.
 */
export function useUnsavedWork(work: UnsavedWork | null): ReactNode {
  const [token] = useState(() => Symbol());
  const title = work?.title;
  const body = work?.body;
  useEffect(() => {
    if (title === undefined || body === undefined) return;
    return registerUnsavedWork(token, { title, body });
  }, [token, title, body]);
  const asked = useLeaveGuard((s) => s.asking?.token === token);
  return asked && work ? <DiscardQuestion work={work} /> : null;
}

function DiscardQuestion({ work }: { work: UnsavedWork }) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog title={work.title} cancelLabel={t('action.keepEditing')} confirmLabel={t('action.discard')} destructive onConfirm={() => answerLeave(true)} onCancel={() => answerLeave(false)}>
      <p>{work.body}</p>
    </ConfirmDialog>
  );
}
