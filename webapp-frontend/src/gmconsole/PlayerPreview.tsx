import { useEffect, useRef, useState } from 'react';
import { pageUrl } from '../api/http';

/** The terminal's design size; the preview scales it down to fit. */
const SCREEN_W = 1280;
const SCREEN_H = 800;

/**
 * VIEW AS PLAYER: the real player terminal (its own player stream, player projection) in
 * a scaled, read-only frame. It shows exactly what the players see: hidden rooms and
 * hidden tokens are absent. Mounted only while this panel is open.
 */
export function PlayerPreview({
  label = 'PLAYER VIEW — LIVE PREVIEW OF THE SHARED TERMINAL (READ-ONLY)',
  testId = 'gm-player-preview',
}: {
  label?: string;
  testId?: string;
} = {}) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(0.6);
  useEffect(() => {
    const box = boxRef.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const fit = () => {
      const w = box.clientWidth;
      if (w > 0) setScale(Math.min(1, w / SCREEN_W));
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(box);
    return () => ro.disconnect();
  }, []);
  return (
    <div className="gm-preview" data-testid={testId}>
      <div className="gm-preview-label">
        {label}
        <a className="crt-button gm-mini" href={pageUrl('terminal/')} target="_blank" rel="noreferrer">
          OPEN IN NEW WINDOW
        </a>
      </div>
      <div className="gm-preview-box" ref={boxRef} style={{ height: SCREEN_H * scale }}>
        <iframe
          title="Player terminal preview"
          className="gm-preview-frame"
          src={pageUrl('terminal/')}
          tabIndex={-1}
          style={{ width: SCREEN_W, height: SCREEN_H, transform: `scale(${scale})` }}
        />
      </div>
    </div>
  );
}
