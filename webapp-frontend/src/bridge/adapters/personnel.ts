import { firstText, numOrNull, obj, objects, text, type Raw } from './common';

/**
 * GET api/bridge/personnel/ → the crew and only the NPCs the GM marked as known.
 * Assumed shape (the server's BridgeJson): `{crew: [{id, name, role, portrait, ...the rest
 * of crew.yaml}], npcs: [{id, name, role, faction, location, status, description, portrait}]}`.
 * Tolerated: the sheet nested under `details`, `portrait_url` for `portrait`, `known_npcs`
 * for `npcs`, numbers written as strings. Entries without an id or a name are left out;
 * missing fields default (the original crashed on a crew entry without status or stats).
 */
export interface CrewDossier {
  id: string;
  name: string;
  callsign: string;
  role: string;
  className: string;
  portrait: string;
  status: string;
  background: string;
  description: string;
  /** free `notes` of the sheet, if the campaign writes any */
  notes: string;
  stress: number | null;
  health: { current: number; max: number } | null;
  wounds: number | null;
  armor: number | null;
  stats: Array<{ label: string; value: number }>;
  saves: Array<{ label: string; value: number }>;
}

export interface NpcDossier {
  id: string;
  name: string;
  role: string;
  faction: string;
  location: string;
  status: string;
  description: string;
  notes: string;
  portrait: string;
}

export interface Personnel {
  crew: CrewDossier[];
  npcs: NpcDossier[];
}

const STATS: Array<[string, string]> = [
  ['strength', 'STR'],
  ['speed', 'SPD'],
  ['intellect', 'INT'],
  ['combat', 'CMB'],
];
const SAVES: Array<[string, string]> = [
  ['sanity', 'SAN'],
  ['fear', 'FEAR'],
  ['body', 'BODY'],
];

function scores(v: unknown, keys: Array<[string, string]>): Array<{ label: string; value: number }> {
  const o = obj(v);
  return keys.flatMap(([k, label]) => {
    const n = numOrNull(o[k]);
    return n === null ? [] : [{ label, value: n }];
  });
}

function idOf(r: Raw): string {
  return firstText(r, 'id', 'name');
}

export function crewDossier(raw: Raw): CrewDossier | null {
  const r = { ...obj(raw.details), ...raw };
  const id = idOf(r);
  if (!id) return null;
  const h = obj(r.health);
  const cur = numOrNull(h.current);
  const max = numOrNull(h.max);
  return {
    id,
    name: text(r.name) || id,
    callsign: text(r.callsign),
    role: text(r.role),
    className: text(r.class),
    portrait: firstText(r, 'portrait', 'portrait_url'),
    status: text(r.status) || 'UNKNOWN',
    background: text(r.background),
    description: text(r.description),
    notes: text(r.notes),
    stress: numOrNull(r.stress),
    health: cur !== null && max !== null ? { current: cur, max } : null,
    wounds: numOrNull(r.wounds),
    armor: numOrNull(r.armor),
    stats: scores(r.stats, STATS),
    saves: scores(r.saves, SAVES),
  };
}

export function npcDossier(raw: Raw): NpcDossier | null {
  const id = idOf(raw);
  if (!id) return null;
  return {
    id,
    name: text(raw.name) || id,
    role: text(raw.role),
    faction: text(raw.faction),
    location: text(raw.location),
    status: text(raw.status) || 'UNKNOWN',
    description: text(raw.description),
    notes: text(raw.notes),
    portrait: firstText(raw, 'portrait', 'portrait_url'),
  };
}

export function parsePersonnel(raw: unknown): Personnel {
  const r = obj(raw);
  return {
    crew: objects(r.crew).map(crewDossier).filter((x): x is CrewDossier => x !== null),
    npcs: objects(r.npcs ?? r.known_npcs).map(npcDossier).filter((x): x is NpcDossier => x !== null),
  };
}
