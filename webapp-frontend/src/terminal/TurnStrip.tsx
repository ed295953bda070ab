import type { TurnEntry } from '../state/selectors';

/**
 * The turn order on the shared screen: the names in order, the current one emphasised, in a strip
 * above the map (never over a room). Players' state holds only the tokens they see, so an unseen
 * token's turn shows as no emphasis at all (docs/protocol.md, "Turn order").
 */
export function TurnStrip({ entries }: { entries: readonly TurnEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <div className="turn-strip" data-testid="turn-strip" role="status" aria-label="Turn order">
      <span className="turn-strip-title">TURN</span>
      <ol className="turn-strip-list">
        {entries.map((e) => (
          <li
            key={e.id}
            className={e.current ? 'turn-strip-entry current' : 'turn-strip-entry'}
            data-turn-token={e.id}
            aria-current={e.current ? 'step' : undefined}
          >
            {e.name.toUpperCase()}
          </li>
        ))}
      </ol>
    </div>
  );
}
