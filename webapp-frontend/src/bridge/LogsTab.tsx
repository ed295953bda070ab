import { lazy, Suspense, useState } from 'react';
import { logHeading, parseLogs } from './adapters/logs';
import { useFetched } from './useFetched';

/** The Markdown renderer is its own chunk too: only the LOGS tab needs it. */
const SafeMarkdown = lazy(() => import('./SafeMarkdown'));

/**
 * LOGS (bridge.md §5): the session logs the GM lets players read, newest first and selected;
 * the body is Markdown rendered safely. Refetched when the GM shows or hides a log.
 */
export function LogsTab({ revision, onProblem }: { revision: number; onProblem?: (m: string) => void }) {
  const { data, loading, failed } = useFetched('api/bridge/logs/', revision, parseLogs, onProblem);
  const [picked, setPicked] = useState<string | null | undefined>(undefined);
  const logs = data ?? [];
  // newest selected by default; a click on the selected one deselects (as the original)
  const current = picked === undefined ? (logs[0] ?? null) : (logs.find((l) => l.id === picked) ?? null);
  return (
    <div className="bridge-columns" data-testid="bridge-logs">
      <section className="crt-panel bridge-column-list" aria-label="Campaign logs">
        <div className="bridge-panel-title">CAMPAIGN LOGS</div>
        <div className="bridge-list-scroll">
          {!data && loading && <div className="bridge-list-empty crt-cursor">&gt; ACCESSING LOGS</div>}
          {!data && failed && <div className="bridge-list-empty">&gt; LOGS UNAVAILABLE</div>}
          {data && logs.length === 0 && <div className="bridge-list-empty">&gt; No session logs found</div>}
          <ul>
            {logs.map((l) => {
              const selected = current?.id === l.id;
              return (
                <li key={l.id} className={`bridge-row${selected ? ' selected' : ''}`} data-testid={`log-${l.id}`}>
                  <button type="button" className="bridge-row-main bridge-row-stacked" aria-pressed={selected} onClick={() => setPicked(selected ? null : l.id)}>
                    <span className="bridge-row-name">{logHeading(l)}</span>
                    {l.date && <span className="bridge-row-sub">{l.date}</span>}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      </section>
      <section className="crt-panel bridge-column-detail" aria-label="Log" data-testid="log-detail">
        {current ? (
          <article className="bridge-log" key={current.id}>
            <dl className="bridge-fields bridge-log-head">
              {(
                [
                  ['SESSION', current.number === null ? '' : String(current.number)],
                  ['DATE', current.date],
                  ['TITLE', current.title],
                  ['LOCATION', current.location],
                  ['NOTABLE NPCS', current.npcs.join(', ')],
                ] as Array<[string, string]>
              )
                .filter(([, v]) => v)
                .map(([k, v]) => (
                  <div className="bridge-field" key={k}>
                    <dt>{k}</dt>
                    <dd>{v}</dd>
                  </div>
                ))}
            </dl>
            <Suspense fallback={<div className="log-markdown crt-cursor">&gt; DECODING</div>}>
              <SafeMarkdown text={current.body} />
            </Suspense>
          </article>
        ) : (
          <div className="bridge-list-empty">&gt; SELECT SESSION TO VIEW LOG</div>
        )}
      </section>
    </div>
  );
}
