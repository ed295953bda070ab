import type { NpcData } from '../state/types';

/**
 * The cards of the portrait overlay: the active portraits plus the ones still playing
 * their dismiss animation. Pure, so the enter/leave bookkeeping is unit-tested.
 */
export interface PortraitCard {
  npc: NpcData;
  leaving: boolean;
}

export function reconcilePortraitCards(prev: readonly PortraitCard[], active: readonly NpcData[]): PortraitCard[] {
  const activeIds = new Set(active.map((n) => n.id));
  const prevById = new Map(prev.map((c) => [c.npc.id, c]));
  // present and new cards follow the active order
  const out: PortraitCard[] = active.map((npc) => {
    const old = prevById.get(npc.id);
    return old && !old.leaving && old.npc === npc ? old : { npc, leaving: false };
  });
  // dismissed cards stay where they were while they fade out
  prev.forEach((card, index) => {
    if (activeIds.has(card.npc.id)) return;
    const leaving = card.leaving ? card : { npc: card.npc, leaving: true };
    out.splice(Math.min(index, out.length), 0, leaving);
  });
  return sameCards(prev, out) ? (prev as PortraitCard[]) : out;
}

/** Remove a card whose dismiss animation has ended. */
export function removeLeftCard(cards: readonly PortraitCard[], id: string): PortraitCard[] {
  return cards.filter((c) => !(c.leaving && c.npc.id === id));
}

function sameCards(a: readonly PortraitCard[], b: readonly PortraitCard[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}
