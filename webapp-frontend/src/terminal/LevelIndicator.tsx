/** DECK n / total and the deck name; hidden for single-deck locations (ui.md §3.2). */
export function LevelIndicator({ level, total, name }: { level: number; total: number; name: string }) {
  if (total <= 1) return null;
  return (
    <div className="level-indicator crt-panel" data-testid="level-indicator">
      <div className="level-indicator-title">DECK</div>
      <div className="level-indicator-number">
        {level} / {total}
      </div>
      {name && <div className="level-indicator-name">{name.toUpperCase()}</div>}
    </div>
  );
}
