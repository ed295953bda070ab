import { useState } from 'react';
import { resourceUrl } from '../api/http';
import { parsePersonnel, type CrewDossier, type NpcDossier } from './adapters/personnel';
import { useFetched } from './useFetched';

/**
 * PERSONNEL (bridge.md §4, without its defects): the crew, then the NPCs the server
 * returns — only those the GM marked as known to the crew; the client shows exactly what
 * arrives. Refetched when the GM discloses someone (`revision`). Every text is a text node;
 * missing fields are left out, never a crash.
 */
type Entry = { kind: 'crew'; d: CrewDossier } | { kind: 'npc'; d: NpcDossier };

export function PersonnelTab({ revision, onProblem }: { revision: number; onProblem?: (m: string) => void }) {
  const { data, loading, failed } = useFetched('api/bridge/personnel/', revision, parsePersonnel, onProblem);
  const [picked, setPicked] = useState<string | null>(null);
  const groups: Array<{ title: string; entries: Entry[] }> = [];
  if (data) {
    if (data.crew.length) groups.push({ title: 'CREW', entries: data.crew.map((d) => ({ kind: 'crew', d })) });
    const byPlace = new Map<string, NpcDossier[]>();
    for (const n of data.npcs) {
      const k = (n.location || 'UNKNOWN').toUpperCase();
      byPlace.set(k, [...(byPlace.get(k) ?? []), n]);
    }
    for (const k of [...byPlace.keys()].sort()) {
      groups.push({ title: k, entries: byPlace.get(k)!.sort((a, b) => a.name.localeCompare(b.name)).map((d) => ({ kind: 'npc', d })) });
    }
  }
  const all = groups.flatMap((g) => g.entries);
  const keyOf = (e: Entry) => `${e.kind}:${e.d.id}`;
  const current = all.find((e) => keyOf(e) === picked) ?? all[0] ?? null;

  return (
    <div className="bridge-columns" data-testid="bridge-personnel">
      <section className="crt-panel bridge-column-list" aria-label="Personnel">
        <div className="bridge-panel-title">PERSONNEL</div>
        <div className="bridge-list-scroll">
          {!data && loading && <div className="bridge-list-empty crt-cursor">&gt; ACCESSING PERSONNEL FILES</div>}
          {!data && failed && <div className="bridge-list-empty">&gt; PERSONNEL FILES UNAVAILABLE</div>}
          {data && all.length === 0 && <div className="bridge-list-empty">&gt; No personnel records found</div>}
          {groups.map((g) => (
            <div className="bridge-list-section" key={g.title}>
              <div className="bridge-list-section-title">{g.title}</div>
              <ul>
                {g.entries.map((e) => {
                  const selected = current !== null && keyOf(e) === keyOf(current);
                  return (
                    <li key={keyOf(e)} className={`bridge-row${selected ? ' selected' : ''}`} data-testid={`person-${e.kind}-${e.d.id}`}>
                      <button type="button" className="bridge-row-main" aria-pressed={selected} onClick={() => setPicked(keyOf(e))}>
                        <span className="bridge-row-name">{e.d.name}</span>
                        <span className={`bridge-badge ${statusClass(e.d.status)}`}>{e.d.status.toUpperCase()}</span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </div>
      </section>
      <section className="crt-panel bridge-column-detail" aria-label="Dossier" data-testid="person-detail">
        {current ? <Dossier entry={current} key={keyOf(current)} /> : <div className="bridge-list-empty">&gt; SELECT PERSONNEL TO VIEW DETAILS</div>}
      </section>
    </div>
  );
}

export function statusClass(status: string): string {
  const s = status.toLowerCase();
  if (['deceased', 'kia', 'dead'].includes(s)) return 'status-dead';
  if (['missing', 'mia', 'unknown'].includes(s)) return 'status-missing';
  return 'status-active';
}

function Dossier({ entry }: { entry: Entry }) {
  const [portraitFailed, setPortraitFailed] = useState(false);
  const d = entry.d;
  const fields: Array<[string, string]> =
    entry.kind === 'crew'
      ? [
          ['CALLSIGN', entry.d.callsign],
          ['CLASS', entry.d.className.toUpperCase()],
          ['ROLE', entry.d.role],
          ['BACKGROUND', entry.d.background],
          ['STATUS', entry.d.status.toUpperCase()],
          ['STRESS', entry.d.stress === null ? '' : String(entry.d.stress)],
          ['HEALTH', entry.d.health ? `${entry.d.health.current} / ${entry.d.health.max}` : ''],
          ['WOUNDS', entry.d.wounds === null ? '' : String(entry.d.wounds)],
          ['ARMOR', entry.d.armor === null ? '' : String(entry.d.armor)],
        ]
      : [
          ['ROLE', entry.d.role],
          ['FACTION', entry.d.faction],
          ['LOCATION', entry.d.location],
          ['STATUS', entry.d.status.toUpperCase()],
        ];
  return (
    <article className="bridge-dossier">
      <h2 className="bridge-dossier-name">{d.name.toUpperCase()}</h2>
      <div className="bridge-dossier-body">
        {d.portrait && !portraitFailed && (
          <img className="bridge-portrait" src={resourceUrl(d.portrait)} alt={`Portrait of ${d.name}`} onError={() => setPortraitFailed(true)} />
        )}
        <dl className="bridge-fields">
          {fields
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <div className="bridge-field" key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
        </dl>
      </div>
      {entry.kind === 'crew' && (entry.d.stats.length > 0 || entry.d.saves.length > 0) && (
        <div className="bridge-scores">
          {[...entry.d.stats, ...entry.d.saves].map((s, i) => (
            <div className="bridge-score" key={s.label}>
              <span className="bridge-score-label">{s.label}</span>
              <span className="bridge-score-value">
                {s.value}
                {i >= entry.d.stats.length ? '%' : ''}
              </span>
            </div>
          ))}
        </div>
      )}
      {d.description && <p className="bridge-dossier-text">{d.description}</p>}
      {d.notes && (
        <p className="bridge-dossier-text">
          <span className="bridge-dossier-label">NOTES: </span>
          {d.notes}
        </p>
      )}
    </article>
  );
}
