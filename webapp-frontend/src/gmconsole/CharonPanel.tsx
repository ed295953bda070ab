import type { ActiveView } from '../state/types';
import type { Gm } from './gm';
import { useGmView } from './hooks';
import type { LocationNode } from './LocationTree';

const selectCharon = (v: ActiveView | null) =>
  v ? `${v.charon_mode}\u0001${v.charon_location_path}\u0001${v.charon_dialog_open}\u0001${v.charon_active_channel}` : '';

/** Slash-joined slug paths of every location, for CHARON's location. */
export function locationPaths(nodes: readonly LocationNode[], prefix: string[] = []): Array<{ path: string; label: string }> {
  return nodes.flatMap((n) => {
    const path = [...prefix, n.slug];
    return [{ path: path.join('/'), label: `${'  '.repeat(prefix.length)}${n.name || n.slug}` }, ...locationPaths(n.children ?? [], path)];
  });
}

/** CHARON terminal controls: mode, location context, dialog open/close (explicit). */
export function CharonPanel({ gm, locations }: { gm: Gm; locations: readonly LocationNode[] }) {
  const key = useGmView(gm.store, selectCharon);
  const [mode, path, dialog, channel] = key.split('\u0001');
  const open = dialog === 'true';
  const paths = locationPaths(locations);
  return (
    <div className="gm-form gm-charon" data-testid="charon-panel">
      <div className="gm-form-row">
        <span className="gm-label">CHANNEL</span>
        <span data-testid="charon-channel">{channel || '—'}</span>
      </div>
      <div className="gm-form-row" role="group" aria-label="CHARON mode">
        <span className="gm-label">MODE</span>
        {['DISPLAY', 'QUERY'].map((m) => (
          <button
            key={m}
            type="button"
            className={`crt-button gm-mini${mode === m ? ' active' : ''}`}
            data-testid={`charon-mode-${m}`}
            aria-pressed={mode === m}
            onClick={() => mode !== m && void gm.actions.run({ kind: 'charon-mode', mode: m })}
          >
            {m}
          </button>
        ))}
      </div>
      <div className="gm-form-row">
        <label>
          LOCATION
          <select
            className="crt-input"
            data-testid="charon-location"
            value={path}
            onChange={(e) => void gm.actions.run({ kind: 'charon-location', location_path: e.target.value })}
          >
            <option value="">(none)</option>
            {path && !paths.some((p) => p.path === path) && <option value={path}>{path}</option>}
            {paths.map((p) => (
              <option key={p.path} value={p.path}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="gm-form-row" role="group" aria-label="CHARON dialog">
        <span className="gm-label">DIALOG</span>
        <span data-testid="charon-dialog-state">{open ? 'OPEN' : 'CLOSED'}</span>
        <button
          type="button"
          className={`crt-button gm-mini${open ? ' active' : ''}`}
          data-testid="charon-dialog-open"
          disabled={open}
          onClick={() => void gm.actions.run({ kind: 'charon-dialog', open: true })}
        >
          OPEN
        </button>
        <button
          type="button"
          className="crt-button gm-mini"
          data-testid="charon-dialog-close"
          disabled={!open}
          onClick={() => void gm.actions.run({ kind: 'charon-dialog', open: false })}
        >
          CLOSE
        </button>
      </div>
    </div>
  );
}
