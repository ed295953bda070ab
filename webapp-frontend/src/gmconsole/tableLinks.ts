import type { Token } from '../state/types';

/**
 * Who moves which token at the table (docs/protocol.md, "At the table"): GET api/gm/table/links/
 * parsed tolerantly, the select values of the Players panel, and which token on the map each
 * player moves. All pure.
 */
export type TableLink = { username: string; kind: 'token' | 'crew'; id: string };

/** A crew member as GET api/gm/bridge/personnel/ lists them (only what a link needs). */
export interface CrewRef {
  id: string;
  name: string;
  portrait: string;
}

export function linksOf(data: unknown): TableLink[] {
  const list = data && typeof data === 'object' ? (data as { links?: unknown }).links : null;
  if (!Array.isArray(list)) return [];
  return list.flatMap((l): TableLink[] => {
    if (!l || typeof l !== 'object') return [];
    const { username, token_id, crew_id } = l as Record<string, unknown>;
    if (typeof username !== 'string') return [];
    if (typeof token_id === 'string') return [{ username, kind: 'token', id: token_id }];
    if (typeof crew_id === 'string') return [{ username, kind: 'crew', id: crew_id }];
    return [];
  });
}

export function crewOf(data: unknown): CrewRef[] {
  const list = data && typeof data === 'object' ? (data as { crew?: unknown }).crew : null;
  if (!Array.isArray(list)) return [];
  return list.flatMap((m): CrewRef[] => {
    if (!m || typeof m !== 'object' || typeof (m as CrewRef).id !== 'string') return [];
    const c = m as Partial<CrewRef>;
    return [{ id: c.id!, name: typeof c.name === 'string' ? c.name : c.id!, portrait: typeof c.portrait === 'string' ? c.portrait : '' }];
  });
}

/** The value of an option in the link select: `token:<id>` or `crew:<id>` (ids have no colon to split on twice). */
export function targetValue(kind: TableLink['kind'], id: string): string {
  return `${kind}:${id}`;
}

/** The body of POST api/gm/table/links/ for a select value, or null for "nothing chosen". */
export function linkBody(username: string, value: string): { username: string; token_id?: string; crew_id?: string } | null {
  const at = value.indexOf(':');
  if (at < 0) return null;
  const kind = value.slice(0, at);
  const id = value.slice(at + 1);
  if (!id) return null;
  if (kind === 'token') return { username, token_id: id };
  if (kind === 'crew') return { username, crew_id: id };
  return null;
}

/** DELETE api/gm/table/links/token/<id>/ or …/crew/<id>/. */
export function unlinkPath(link: TableLink): string {
  return `api/gm/table/links/${link.kind}/${encodeURIComponent(link.id)}/`;
}

/** The server's rule (TokenLinks.standsFor): a player token with the member's portrait, or their name. */
export function standsFor(token: Token, member: CrewRef): boolean {
  if (token.type !== 'player') return false;
  return (!!member.portrait && member.portrait === token.image_url) || token.name.trim().toLowerCase() === member.name.trim().toLowerCase();
}

/**
 * The player who moves each token, as the server decides it: a link by the token's id first,
 * then a linked crew member the (player) token stands for. Tokens nobody moves are left out.
 */
export function tokenOwners(tokens: readonly Token[], links: readonly TableLink[], crew: readonly CrewRef[]): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  if (links.length === 0) return out;
  const byToken = new Map(links.filter((l) => l.kind === 'token').map((l) => [l.id, l.username]));
  const crewLinks = links.flatMap((l) => {
    const member = l.kind === 'crew' ? crew.find((m) => m.id === l.id) : undefined;
    return member ? [{ member, username: l.username }] : [];
  });
  for (const t of tokens) {
    const owner = byToken.get(t.id) ?? crewLinks.find((c) => standsFor(t, c.member))?.username;
    if (owner) out.set(t.id, owner);
  }
  return out;
}

/** Owner maps compare by content, so the memoised map layer is not redrawn for an equal map. */
export function ownersEqual(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
