/** A clean titled screen for view types without a dedicated screen. */
export function PlaceholderView({ viewType, title, lines = [] }: { viewType: string; title: string; lines?: string[] }) {
  return (
    <div className="placeholder-view" data-testid={`view-${viewType}`}>
      <section className="crt-panel placeholder-panel">
        <div className="crt-panel-title">{title}</div>
        <div className="placeholder-body">
          {lines.map((l) => (
            <div key={l}>&gt; {l}</div>
          ))}
          <div className="crt-cursor">&gt; </div>
        </div>
      </section>
    </div>
  );
}
