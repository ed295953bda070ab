/** Shown while the live connection is lost (ui.md §6); goes away by itself on reconnect. */
export function ConnectionToast({ visible }: { visible: boolean }) {
  if (!visible) return null;
  return (
    <div className="connection-toast" data-testid="connection-toast" role="status" aria-live="polite">
      Connection lost — retrying...
    </div>
  );
}
