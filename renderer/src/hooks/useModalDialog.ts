import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/**
 * A <dialog> shown as a modal for as long as the component is mounted (and `open` holds): the browser then keeps
 * the focus inside it and Escape cancels it; unmounting closes it and gives the focus back to what had it before.
 */
export function useModalDialog(open = true) {
  const ref = useRef<HTMLDialogElement>(null);
  // What had the focus when the dialog came: read at the first render, before a button's autoFocus takes it.
  const [before] = useState(() => document.activeElement);
  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) dialog.showModal();
  }, [open]);
  // A layout effect, while the dialog is still in the page: removed open, it would leave the focus on the page itself
  // (a passive effect runs after the removal, its ref already cleared).
  useLayoutEffect(() => {
    const dialog = ref.current;
    return () => {
      const hadFocus = dialog !== null && (dialog.contains(document.activeElement) || document.activeElement === document.body);
      dialog?.close();
      if (hadFocus && before instanceof HTMLElement && before.isConnected) before.focus();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `before` never changes: it is read once, at the first render
  }, []);
  return ref;
}
