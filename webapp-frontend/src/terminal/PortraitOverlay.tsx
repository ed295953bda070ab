import { memo, useState, type AnimationEvent, type CSSProperties } from 'react';
import { resourceUrl } from '../api/http';
import { motionOff } from '../common/motion';
import { Typewriter } from '../common/Typewriter';
import type { NpcData } from '../state/types';
import { reconcilePortraitCards, removeLeftCard, type PortraitCard } from './portraitCards';

/**
 * NPC portraits over the map (ui.md §3.6, with the smooth exit the original lacked).
 * A new card flickers in (CRT), is wiped top-to-bottom, then its name is typed.
 * A dismissed card fades and shrinks and stays mounted until that animation ends; the
 * backdrop fades out with the last card. Players cannot dismiss portraits.
 */

/** ms before the name starts typing: flicker 280 + wipe 650 + hold 200 */
export const NAME_DELAY_MS = 280 + 650 + 200;
export const NAME_MS_PER_CHAR = 55;

export function PortraitOverlay({ portraits, onImageError }: { portraits: NpcData[]; onImageError?: (what: string) => void }) {
  const [cards, setCards] = useState<PortraitCard[]>(() => reconcilePortraitCards([], portraits));
  const [source, setSource] = useState(portraits);

  // derive the card list from the props during render (no effect, no extra frame)
  let current = cards;
  if (source !== portraits) {
    current = reconcilePortraitCards(cards, portraits);
    // without motion there is no dismiss animation whose end would remove the card
    if (motionOff()) current = current.filter((c) => !c.leaving);
    setSource(portraits);
    setCards(current);
  }

  if (current.length === 0) return null;
  const allLeaving = current.every((c) => c.leaving);

  // Only the card's own animation counts (children's animationend events bubble up);
  // while a card is leaving, the only animation on it is the dismiss.
  const onCardAnimationEnd = (id: string) => (e: AnimationEvent) => {
    if (e.target !== e.currentTarget) return;
    setCards((cs) => removeLeftCard(cs, id));
  };

  return (
    <div className={`portrait-overlay${allLeaving ? ' portrait-overlay-leaving' : ''}`} data-testid="portrait-overlay">
      <div className="portrait-row" style={{ '--portraits': String(current.length) } as CSSProperties}>
        {current.map((card) => (
          <PortraitCardView
            key={card.npc.id}
            npc={card.npc}
            leaving={card.leaving}
            onAnimationEnd={onCardAnimationEnd(card.npc.id)}
            onImageError={onImageError}
          />
        ))}
      </div>
    </div>
  );
}

const PortraitCardView = memo(
  function PortraitCardView({
    npc,
    leaving,
    onAnimationEnd,
    onImageError,
  }: {
    npc: NpcData;
    leaving: boolean;
    onAnimationEnd: (e: AnimationEvent) => void;
    onImageError?: (what: string) => void;
  }) {
    const [failed, setFailed] = useState<string | null>(null);
    const src = npc.portrait && failed !== npc.portrait ? resourceUrl(npc.portrait) : '';
    return (
      <figure
        className={`portrait-card${leaving ? ' portrait-card-leaving' : ''}`}
        data-npc-id={npc.id}
        data-leaving={leaving ? 'true' : 'false'}
        onAnimationEnd={onAnimationEnd}
      >
        <div className="portrait-frame">
          <div className="portrait-image">
            {src ? (
              <img
                src={src}
                alt={npc.name}
                onError={() => {
                  setFailed(npc.portrait);
                  onImageError?.(`portrait of ${npc.name}`);
                }}
              />
            ) : (
              // no picture (none given, or it failed to load): the name's initial, like the GM's list
              <div className="portrait-placeholder" role="img" aria-label={`${npc.name}: no portrait`}>
                {npc.name.trim().charAt(0).toUpperCase() || '?'}
              </div>
            )}
            <div className="portrait-scan" aria-hidden="true" />
          </div>
        </div>
        <figcaption className="portrait-name">
          <Typewriter text={npc.name.toUpperCase()} msPerChar={NAME_MS_PER_CHAR} delayMs={NAME_DELAY_MS} />
        </figcaption>
      </figure>
    );
  },
  (a, b) => a.npc === b.npc && a.leaving === b.leaving && a.onImageError === b.onImageError,
);
