import { useEffect, useRef, useState } from 'react';
import { motionOff } from '../common/motion';
import type { HeldMessage } from '../charon/types';
import { TELETYPE_MS_PER_CHAR } from '../charon/timing';

/** Motion is off: the user asked the system for less motion, or the page runs in ?perf=1. */
export const prefersInstantText = motionOff;

export interface Teletype {
  /** the line being typed and how many of its characters are shown */
  typingId: string;
  shownChars: number;
  /** live lines waiting for their turn: not drawn yet (no blank rows meanwhile) */
  queued: ReadonlySet<string>;
}

/**
 * Types out, one at a time and in order, the CHARON lines that arrived live (`live` is set by
 * the reducer for a `message` event only). Lines already there when the conversation
 * appears — a snapshot, a reconnect, a reload, a dialog that opens — are shown at once.
 * One timer at a time, TELETYPE_MS_PER_CHAR per character; instant under
 * `prefers-reduced-motion: reduce` (and in performance mode).
 */
export function useTeletype(messages: readonly HeldMessage[], msPerChar = TELETYPE_MS_PER_CHAR): Teletype {
  // what was on screen when the conversation appeared is never typed
  const [done, setDone] = useState<ReadonlySet<string>>(
    () => new Set(messages.filter((m) => m.live).map((m) => m.message_id)),
  );
  const [progress, setProgress] = useState({ id: '', chars: 0 });
  const waiting = messages.filter((m) => m.role === 'charon' && m.live && !done.has(m.message_id));
  const current = waiting[0];
  const currentId = current?.message_id ?? '';
  // the length is read through a ref: an edit of the line while it types does not restart it
  const length = useRef(0);
  length.current = current?.content.length ?? 0;

  useEffect(() => {
    if (!currentId) return;
    const finish = () => setDone((d) => new Set(d).add(currentId));
    if (length.current === 0 || prefersInstantText()) {
      finish();
      return;
    }
    let chars = 0;
    setProgress({ id: currentId, chars: 0 });
    const timer = setInterval(() => {
      chars++;
      if (chars >= length.current) {
        clearInterval(timer);
        finish();
      } else {
        setProgress({ id: currentId, chars });
      }
    }, msPerChar);
    return () => clearInterval(timer);
  }, [currentId, msPerChar]);

  return {
    typingId: currentId,
    shownChars: progress.id === currentId ? progress.chars : 0,
    queued: new Set(waiting.slice(1).map((m) => m.message_id)),
  };
}
