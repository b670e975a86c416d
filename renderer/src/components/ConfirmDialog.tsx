import type { ReactNode } from 'react';
import { useTranslation } from '../i18n';
import { useModalDialog } from '../hooks/useModalDialog';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The safe choice's words; "Cancel" unless the question calls for others ("Keep editing"). */
  cancelLabel?: string;
  destructive?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal built on <dialog>: focus stays inside, Escape cancels, the safe choice has the focus first. */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, destructive, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useModalDialog();
  const { t } = useTranslation();
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="confirm-title"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-title">{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onCancel}>{cancelLabel ?? t('action.cancel')}</button>
        <button type="button" className={destructive ? 'danger' : 'primary'} onClick={onConfirm}>{confirmLabel}</button>
      </div>
    </dialog>
  );
}
