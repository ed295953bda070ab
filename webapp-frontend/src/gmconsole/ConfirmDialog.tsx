import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * An in-page confirmation (not window.confirm: it names what is at stake in our own words,
 * stays in the CRT look and can be driven by a browser test). Focus starts on Cancel, the
 * safe choice; Escape cancels; focus goes back where it was on close.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  testId,
  confirmTestId,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
  confirmTestId?: string;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const cancel = useRef(onCancel);
  cancel.current = onCancel;
  const titleId = useId();
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    cancelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        cancel.current();
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      if (previous && document.contains(previous) && typeof previous.focus === 'function') previous.focus();
    };
  }, []);
  return (
    <div className="gm-modal-backdrop">
      <div
        className="gm-modal crt-panel"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
      >
        <div className="crt-panel-title" id={titleId}>
          {title}
        </div>
        <div className="gm-modal-body">{children}</div>
        <div className="gm-modal-buttons">
          <button type="button" className="crt-button gm-danger" data-testid={confirmTestId} onClick={onConfirm}>
            {confirmLabel}
          </button>
          <button type="button" className="crt-button" ref={cancelRef} onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
