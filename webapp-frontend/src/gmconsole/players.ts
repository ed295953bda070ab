/** GET api/gm/players/: tolerant of `[...]`, `{players: [...]}`, and strings or objects. */
export interface PlayerAccount {
  username: string;
  role?: string;
}

export function playersOf(data: unknown): PlayerAccount[] {
  const list = Array.isArray(data) ? data : data && typeof data === 'object' ? (data as { players?: unknown }).players : null;
  if (!Array.isArray(list)) return [];
  return list.flatMap((p): PlayerAccount[] => {
    if (typeof p === 'string') return [{ username: p }];
    if (p && typeof p === 'object' && typeof (p as PlayerAccount).username === 'string') {
      const a = p as PlayerAccount;
      return [{ username: a.username, role: typeof a.role === 'string' ? a.role : undefined }];
    }
    return [];
  });
}
