import type { InfoModel } from './info';
import { useTypedCount } from './useTyped';

/**
 * The info panel (bridge.md §2.6): title and `LABEL: value` rows typed out, restarted when
 * the content changes. Every value is a text node — data never becomes markup. The whole
 * text is in the DOM from the start (the untyped rest is invisible), so the layout does not
 * jump and screen readers and tests read it at once.
 */
export function InfoPanel({ model }: { model: InfoModel | null }) {
  if (!model) return null;
  return <TypedInfo model={model} key={keyOf(model)} />;
}

function keyOf(m: InfoModel): string {
  return [m.title, ...m.rows.map((r) => `${r.label}\u0000${r.value}`)].join('\u0001');
}

function TypedInfo({ model }: { model: InfoModel }) {
  const parts: string[] = [model.title, ...model.rows.flatMap((r) => [`${r.label}: `, r.value])];
  const total = parts.reduce((n, p) => n + p.length, 0);
  const shown = useTypedCount(keyOf(model), total);
  let budget = shown;
  const typed = (text: string) => {
    const n = Math.max(0, Math.min(text.length, budget));
    budget -= text.length;
    return (
      <>
        {text.slice(0, n)}
        {n < text.length && <span className="bridge-untyped">{text.slice(n)}</span>}
      </>
    );
  };
  const done = shown >= total;
  return (
    <aside className="bridge-info crt-panel" data-testid="bridge-info" data-typed={done ? 'true' : 'false'} aria-label="Details">
      <h2 className="bridge-info-title">{typed(model.title)}</h2>
      <dl className="bridge-info-rows">
        {model.rows.map((r) => (
          <div className="bridge-info-row" key={r.label}>
            <dt>{typed(`${r.label}: `)}</dt>
            <dd>{typed(r.value)}</dd>
          </div>
        ))}
      </dl>
      {!done && <span className="bridge-info-cursor" aria-hidden="true">_</span>}
    </aside>
  );
}
