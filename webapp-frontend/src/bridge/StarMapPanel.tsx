import type { ListModel } from './selection';

/**
 * The STAR MAP list (bridge.md §2.5): what the level holds, the selection marked, ▶ where a
 * deeper map exists. Buttons only while the players explore; otherwise the GM drives and
 * the list is read-only (same look, nothing to press).
 */
export function StarMapPanel({
  model,
  interactive,
  onRow,
  onEnter,
  onBack,
}: {
  model: ListModel;
  interactive: boolean;
  onRow: (id: string, selected: boolean) => void;
  onEnter: (id: string) => void;
  onBack: () => void;
}) {
  return (
    <nav className="bridge-list crt-panel" data-testid="bridge-list" aria-label="Star map">
      {model.back &&
        (interactive ? (
          <button type="button" className="bridge-list-back" data-testid="bridge-back" onClick={onBack}>
            {model.back}
          </button>
        ) : (
          <div className="bridge-list-back">{model.back}</div>
        ))}
      <div className="bridge-list-heading">{model.heading}</div>
      <div className="bridge-list-scroll">
        {model.empty && <div className="bridge-list-empty">&gt; {model.empty}</div>}
        {model.sections.map((s) => (
          <div className="bridge-list-section" key={s.title || 'all'}>
            {s.title && <div className="bridge-list-section-title">{s.title}</div>}
            <ul>
              {s.rows.map((r) => {
                const label = (
                  <>
                    <span className="bridge-row-mark" aria-hidden="true">
                      {r.selected ? '■' : '□'}
                    </span>
                    <span className="bridge-row-name">{r.label}</span>
                    {r.marks.map((m) => (
                      <span key={m.symbol} className="bridge-row-flag" title={m.title} aria-label={m.title}>
                        {m.symbol}
                      </span>
                    ))}
                  </>
                );
                return (
                  <li key={r.id} className={`bridge-row${r.selected ? ' selected' : ''}`} data-testid={`bridge-row-${r.id}`} data-selected={r.selected}>
                    {interactive ? (
                      <button type="button" className="bridge-row-main" aria-pressed={r.selected} onClick={() => onRow(r.id, r.selected)}>
                        {label}
                      </button>
                    ) : (
                      <div className="bridge-row-main">{label}</div>
                    )}
                    {r.canEnter &&
                      (interactive ? (
                        <button type="button" className="bridge-row-enter" data-testid={`bridge-enter-${r.id}`} aria-label={`Open the map of ${r.label}`} onClick={() => onEnter(r.id)}>
                          ▶
                        </button>
                      ) : (
                        <span className="bridge-row-enter" aria-label="map available">
                          ▶
                        </span>
                      ))}
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}
