import { useState, type CSSProperties } from 'react';

/**
 * STANDBY (ui.md §2.2): the idle screen. Title and subtitle glitch; small status blocks
 * are typed at places away from the centre, live a few seconds and come back elsewhere
 * with new text. Driven only by CSS animations (a block re-rolls its text and place on
 * each animation iteration): no timers.
 */
const LINES = [
  '> SYSTEM ONLINE',
  '> REACTOR CORE: STABLE',
  '> LIFE SUPPORT: NOMINAL',
  '> CRYO BAY: 0 OCCUPIED',
  '> NAV BEACON: ACTIVE',
  '> HULL INTEGRITY: 98%',
  '> AWAITING INSTRUCTIONS',
  '> COMMS ARRAY: LISTENING',
  '> ATMOSPHERE: BREATHABLE',
  '> WEYLAND-YUTANI LINK: OFFLINE',
  '> SENSOR SWEEP: NO CONTACTS',
  '> GRAVITY: 0.98 G',
  '> SCRUBBERS: CYCLING',
  '> DOCKING CLAMPS: ENGAGED',
];

/** Slots around the screen edge (percent of width/height), so blocks never cover the title. */
const SLOTS: Array<[number, number]> = [
  [4, 6], [30, 8], [62, 5], [80, 14],
  [3, 34], [78, 38],
  [5, 68], [70, 66],
  [8, 86], [38, 88], [66, 84], [82, 78],
];

const BLOCKS = 6;
const BLOCK_LIFETIME_MS = 6000;

interface Block {
  lines: string[];
  slot: number;
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)];
}

function rollBlock(taken: Set<number>): Block {
  const free = SLOTS.map((_, i) => i).filter((i) => !taken.has(i));
  const slot = free.length ? pick(free) : Math.floor(Math.random() * SLOTS.length);
  const count = 1 + Math.floor(Math.random() * 4);
  const lines = Array.from({ length: count }, () => pick(LINES));
  return { lines, slot };
}

function initialBlocks(): Block[] {
  const taken = new Set<number>();
  return Array.from({ length: BLOCKS }, () => {
    const b = rollBlock(taken);
    taken.add(b.slot);
    return b;
  });
}

export function StandbyScreen() {
  const [blocks, setBlocks] = useState<Block[]>(initialBlocks);
  const reroll = (index: number) =>
    setBlocks((bs) => {
      const taken = new Set(bs.map((b, i) => (i === index ? -1 : b.slot)));
      const next = [...bs];
      next[index] = rollBlock(taken);
      return next;
    });

  return (
    <div className="standby" data-testid="view-STANDBY">
      <div className="standby-center">
        <h1 className="standby-title glitch" data-text="MOTHERSHIP">
          MOTHERSHIP
        </h1>
        <p className="standby-subtitle glitch" data-text="The Outer Veil">
          The Outer Veil
        </p>
      </div>
      {blocks.map((b, i) => {
        const [left, top] = SLOTS[b.slot];
        const style = {
          '--slot-left': `${left}%`,
          '--slot-top': `${top}%`,
          '--block-delay': `${i * 900}ms`,
          '--block-life': `${BLOCK_LIFETIME_MS}ms`,
        } as CSSProperties;
        return (
          <div
            key={i}
            className="standby-block"
            style={style}
            aria-hidden="true"
            onAnimationIteration={() => reroll(i)}
          >
            {b.lines.map((line, j) => (
              <div key={`${j}-${line}`}>{line}</div>
            ))}
          </div>
        );
      })}
    </div>
  );
}
