import { useEffect, useRef } from 'react';

/**
 * A <dialog> shown as a modal for as long as the component is mounted (and `open` holds): the browser then keeps
 * the focus inside it and Escape cancels it; unmounting closes it.
 */
export function useModalDialog(open = true) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) dialog.showModal();
  }, [open]);
  useEffect(() => () => ref.current?.close(), []);
  return ref;
}
