import { obj, objects } from './common';
import { crewDossier, npcDossier, type CrewDossier, type NpcDossier } from './personnel';

/**
 * GET api/gm/bridge/personnel/ → every NPC with whether the crew knows it. Assumed shape:
 * the player one with `known: boolean` on each NPC (the GM's list may also come as
 * `all_npcs`). An NPC without an explicit `known: true` counts as unknown: a toggle never
 * shows a secret as disclosed by mistake.
 */
export interface GmNpc extends NpcDossier {
  known: boolean;
}

export interface GmPersonnel {
  crew: CrewDossier[];
  npcs: GmNpc[];
}

export function parseGmPersonnel(raw: unknown): GmPersonnel {
  const r = obj(raw);
  const crew = objects(r.crew).map(crewDossier).filter((x): x is CrewDossier => x !== null);
  const npcs = objects(r.npcs ?? r.all_npcs).flatMap((n) => {
    const d = npcDossier(n);
    return d ? [{ ...d, known: n.known === true }] : [];
  });
  return { crew, npcs };
}
