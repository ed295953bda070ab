import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A small popup at a point of its positioned container: focus moves into it, Escape or a
 * pointer down outside closes it (and focus goes back where it was).
 */
export function Popup({
  x,
  y,
  label,
  onClose,
  children,
  testId,
}: {
  x: number;
  y: number;
  label: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  const [pos, setPos] = useState({ left: x, top: y });
  // keep the whole popup inside its container (centred under the point when it fits)
  useLayoutEffect(() => {
    const el = ref.current;
    const parent = el?.offsetParent as HTMLElement | null;
    if (!el || !parent) {
      setPos({ left: x, top: y });
      return;
    }
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    const maxLeft = Math.max(4, parent.clientWidth - w - 4);
    const left = Math.min(maxLeft, Math.max(4, x - w / 2));
    const below = y + 12;
    const top = below + h > parent.clientHeight - 4 ? Math.max(4, y - h - 12) : below;
    setPos({ left, top });
  }, [x, y]);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('button:not([disabled])');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        closeRef.current();
      }
    };
    const onDown = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) closeRef.current();
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onDown, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onDown, true);
      if (previous && document.contains(previous) && typeof previous.focus === 'function') previous.focus();
    };
  }, []);
  return (
    <div
      ref={ref}
      className="gm-popup"
      role="dialog"
      aria-label={label}
      data-testid={testId}
      style={{ left: pos.left, top: pos.top }}
    >
      {children}
    </div>
  );
}
