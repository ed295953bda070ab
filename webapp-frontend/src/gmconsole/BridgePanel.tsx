import { useMemo, useState } from 'react';
import { parseGmLogs } from '../bridge/adapters/gmLogs';
import { logHeading } from '../bridge/adapters/logs';
import { parseGmPersonnel } from '../bridge/adapters/gmPersonnel';
import { parseOrbitMap, parseStarMap, parseSystemMap } from '../bridge/adapters/maps';
import { enterOrbit, enterSystem, selectBody, selectStation, selectSystem, type NavRequest } from '../bridge/nav';
import { useStore } from '../state/store';
import { BRIDGE_TABS, type ActiveView, type BridgeMapNav } from '../state/types';
import type { Gm } from './gm';
import { useGmView, useJson } from './hooks';
import { PlayerPreview } from './PlayerPreview';

const GALAXY: BridgeMapNav = { level: 'galaxy', system: null, body: null, station: null };
const selectNav = (v: ActiveView | null) => v?.bridge_map ?? GALAXY;
const selectTab = (v: ActiveView | null) => v?.bridge_tab ?? 'MAP';
const selectExplore = (v: ActiveView | null) => v?.bridge_explore === true;
const selectViewType = (v: ActiveView | null) => v?.view_type ?? '';
const navEqual = (a: BridgeMapNav, b: BridgeMapNav) => a.level === b.level && a.system === b.system && a.body === b.body && a.station === b.station;

/**
 * The BRIDGE, driven by the GM: the tab on screen, the map (systems → bodies → moons,
 * stations, surface sites, from the map endpoints), the players' hands on the screen
 * (explore), which NPCs the crew knows and which logs they may read — and a small live
 * preview of the terminal. Every terminal follows what is chosen here.
 */
export function BridgePanel({ gm }: { gm: Gm }) {
  const tab = useGmView(gm.store, selectTab);
  const nav = useGmView(gm.store, selectNav, navEqual);
  const explore = useGmView(gm.store, selectExplore);
  const viewType = useGmView(gm.store, selectViewType);
  const navigate = (r: NavRequest) => void gm.actions.run({ kind: 'bridge-navigate', ...r });
  return (
    <div className="gm-bridge" data-testid="bridge-panel">
      <div className="gm-bridge-main">
        {viewType !== 'BRIDGE' && (
          <div className="gm-bridge-hint">
            The BRIDGE is not on screen.{' '}
            <button type="button" className="crt-button gm-mini" data-testid="bridge-show" onClick={() => void gm.actions.run({ kind: 'switch-view', view_type: 'BRIDGE' })}>
              SHOW BRIDGE
            </button>
          </div>
        )}
        <div className="gm-toolbar gm-bridge-tabs" role="group" aria-label="Bridge tab on screen">
          {BRIDGE_TABS.map((t) => (
            <button
              key={t}
              type="button"
              className={`crt-button gm-mini${t === tab ? ' active' : ''}`}
              data-testid={`gm-bridge-tab-${t}`}
              aria-pressed={t === tab}
              onClick={() => t !== tab && navigate({ tab: t })}
            >
              {t}
            </button>
          ))}
          <label className="gm-bridge-explore">
            <input type="checkbox" data-testid="bridge-explore" checked={explore} onChange={(e) => void gm.actions.run({ kind: 'bridge-explore', enabled: e.target.checked })} />
            LET PLAYERS EXPLORE
          </label>
        </div>
        <BridgeMapTree gm={gm} nav={nav} onNavigate={navigate} />
      </div>
      <div className="gm-bridge-side">
        <PlayerPreview label="TERMINAL — LIVE" testId="bridge-preview" />
        <KnownNpcs gm={gm} />
        <VisibleLogs gm={gm} />
      </div>
    </div>
  );
}

// ---- the map tree ----

function BridgeMapTree({ gm, nav, onNavigate }: { gm: Gm; nav: BridgeMapNav; onNavigate: (r: NavRequest) => void }) {
  const res = useJson<unknown>('api/star-map/', null, gm.toLogin);
  const star = useMemo(() => (res.data ? parseStarMap(res.data) : null), [res.data]);
  const atGalaxy = nav.level === 'galaxy';
  return (
    <section className="gm-bridge-tree crt-panel" aria-label="Bridge map">
      <div className="crt-panel-title">
        MAP
        <span className="gm-title-info" data-testid="bridge-nav">
          {nav.level.toUpperCase()}
          {nav.system ? ` · ${nav.system}` : ''}
          {nav.body ? ` · ${nav.body}` : ''}
          {nav.station ? ` · ${nav.station}` : ''}
        </span>
      </div>
      {res.error && <div className="gm-error">Star map: {res.error}</div>}
      <ul className="gm-tree-root" role="tree">
        <TreeRow
          id="galaxy"
          label="GALAXY"
          current={atGalaxy && !nav.system}
          shown={atGalaxy}
          onSelect={() => onNavigate(selectSystem(null))}
        />
        {star?.systems.map((s) => (
          <SystemNode key={s.id} gm={gm} system={s.id} name={s.name} hasMap={s.hasSystemMap} nav={nav} onNavigate={onNavigate} />
        ))}
        {star && star.systems.length === 0 && <li className="gm-empty">No star systems in the star map.</li>}
      </ul>
    </section>
  );
}

function TreeRow({
  id,
  label,
  depth = 0,
  current,
  shown,
  expandable = false,
  expanded = false,
  onExpand,
  onSelect,
  enterLabel,
  onEnter,
  tag,
}: {
  id: string;
  label: string;
  depth?: number;
  current: boolean;
  shown: boolean;
  expandable?: boolean;
  expanded?: boolean;
  onExpand?: () => void;
  onSelect: () => void;
  enterLabel?: string;
  onEnter?: () => void;
  tag?: string;
}) {
  return (
    <div className={`gm-tree-row${current ? ' selected' : ''}${shown ? ' shown' : ''}`} style={{ paddingLeft: depth * 16 }} data-testid={`bridge-node-${id}`} data-current={current}>
      {expandable ? (
        <button type="button" className="gm-tree-twisty" aria-expanded={expanded} aria-label={`${expanded ? 'Collapse' : 'Expand'} ${label}`} data-testid={`bridge-node-expand-${id}`} onClick={onExpand}>
          {expanded ? '▾' : '▸'}
        </button>
      ) : (
        <span className="gm-tree-twisty-space" />
      )}
      <button type="button" className="gm-tree-location" title={`Select ${label} on the terminals`} onClick={onSelect}>
        <span className="gm-tree-name">{label}</span>
      </button>
      {tag && <span className="gm-tag">{tag}</span>}
      {onEnter && (
        <button type="button" className={`crt-button gm-mini${shown ? ' active' : ''}`} data-testid={`bridge-node-enter-${id}`} onClick={onEnter}>
          {enterLabel}
        </button>
      )}
    </div>
  );
}

function SystemNode({ gm, system, name, hasMap, nav, onNavigate }: { gm: Gm; system: string; name: string; hasMap: boolean; nav: BridgeMapNav; onNavigate: (r: NavRequest) => void }) {
  const inside = nav.system === system && nav.level !== 'galaxy';
  const [open, setOpen] = useState<boolean | null>(null);
  const expanded = hasMap && (open ?? inside);
  const res = useJson<unknown>(expanded ? `api/system-map/${encodeURIComponent(system)}/` : null, null, gm.toLogin);
  const map = useMemo(() => (res.data ? parseSystemMap(res.data) : null), [res.data]);
  return (
    <li role="treeitem" aria-expanded={hasMap ? expanded : undefined}>
      <TreeRow
        id={system}
        label={name}
        depth={1}
        current={nav.level === 'galaxy' && nav.system === system}
        shown={nav.level === 'system' && nav.system === system}
        expandable={hasMap}
        expanded={expanded}
        onExpand={() => setOpen(!expanded)}
        onSelect={() => onNavigate(selectSystem(system))}
        enterLabel="SYSTEM MAP"
        onEnter={hasMap ? () => onNavigate(enterSystem(system)) : undefined}
        tag={hasMap ? undefined : 'NO MAP'}
      />
      {expanded && (
        <ul className="gm-tree-children" role="group">
          {res.error && <li className="gm-error">{res.error}</li>}
          {map?.bodies.map((b) => (
            <BodyNode key={b.id} gm={gm} system={system} body={b.id} name={b.name} type={b.type} hasOrbit={b.hasOrbitMap} nav={nav} onNavigate={onNavigate} />
          ))}
        </ul>
      )}
    </li>
  );
}

function BodyNode({
  gm,
  system,
  body,
  name,
  type,
  hasOrbit,
  nav,
  onNavigate,
}: {
  gm: Gm;
  system: string;
  body: string;
  name: string;
  type: string;
  hasOrbit: boolean;
  nav: BridgeMapNav;
  onNavigate: (r: NavRequest) => void;
}) {
  const inside = nav.level === 'orbit' && nav.system === system && nav.body === body;
  const [open, setOpen] = useState<boolean | null>(null);
  const expanded = hasOrbit && (open ?? inside);
  const res = useJson<unknown>(expanded ? `api/orbit-map/${encodeURIComponent(system)}/${encodeURIComponent(body)}/` : null, null, gm.toLogin);
  const map = useMemo(() => (res.data ? parseOrbitMap(res.data) : null), [res.data]);
  const elements = map ? [...map.moons, ...map.stations, ...map.markers] : [];
  const kindTag = { moon: 'MOON', station: 'STATION', marker: 'SURFACE' } as const;
  return (
    <li role="treeitem" aria-expanded={hasOrbit ? expanded : undefined}>
      <TreeRow
        id={`${system}/${body}`}
        label={name}
        depth={2}
        current={nav.level === 'system' && nav.system === system && nav.body === body}
        shown={inside}
        expandable={hasOrbit}
        expanded={expanded}
        onExpand={() => setOpen(!expanded)}
        onSelect={() => onNavigate(selectBody(system, body))}
        enterLabel="ORBIT"
        onEnter={hasOrbit ? () => onNavigate(enterOrbit(system, body)) : undefined}
        tag={type.replace(/_/g, ' ').toUpperCase()}
      />
      {expanded && (
        <ul className="gm-tree-children" role="group">
          {res.error && <li className="gm-error">{res.error}</li>}
          {elements.map((e) => (
            <li role="treeitem" key={e.id}>
              <TreeRow
                id={`${system}/${body}/${e.id}`}
                label={e.name}
                depth={3}
                current={inside && nav.station === e.id}
                shown={false}
                onSelect={() => onNavigate(selectStation(system, body, e.id))}
                tag={kindTag[e.kind]}
              />
            </li>
          ))}
          {map && elements.length === 0 && <li className="gm-empty">Nothing in orbit.</li>}
        </ul>
      )}
    </li>
  );
}

// ---- disclosure ----

function KnownNpcs({ gm }: { gm: Gm }) {
  const revision = useStore(gm.store, (s) => s.bridge.revision);
  const res = useJson<unknown>('api/gm/bridge/personnel/', revision, gm.toLogin);
  const data = useMemo(() => (res.data ? parseGmPersonnel(res.data) : null), [res.data]);
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const toggle = async (id: string, known: boolean) => {
    setPending((p) => ({ ...p, [id]: known }));
    try {
      await gm.actions.send('api/gm/bridge/npc-known', { npc_id: id, known });
      res.reload();
    } catch (e) {
      gm.actions.notify('error', `Failed to ${known ? 'disclose' : 'hide'} ${id}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setPending((p) => {
        const next = { ...p };
        delete next[id];
        return next;
      });
    }
  };
  return (
    <section className="crt-panel gm-bridge-list" aria-label="NPCs known to the crew" data-testid="bridge-npcs">
      <div className="crt-panel-title">NPCS KNOWN TO THE CREW</div>
      {res.error && <div className="gm-error">{res.error}</div>}
      {data && data.npcs.length === 0 && <div className="gm-empty">No NPCs in this campaign.</div>}
      <ul>
        {data?.npcs.map((n) => {
          const known = pending[n.id] ?? n.known;
          return (
            <li key={n.id} className="gm-bridge-item">
              <label>
                <input type="checkbox" data-testid={`npc-known-${n.id}`} checked={known} disabled={n.id in pending} onChange={(e) => void toggle(n.id, e.target.checked)} />
                <span className="gm-bridge-item-name">{n.name}</span>
                {n.role && <span className="crt-muted">{n.role}</span>}
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function VisibleLogs({ gm }: { gm: Gm }) {
  const revision = useStore(gm.store, (s) => s.bridge.revision);
  const res = useJson<unknown>('api/gm/bridge/logs/', revision, gm.toLogin);
  const logs = useMemo(() => (res.data ? parseGmLogs(res.data) : null), [res.data]);
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const toggle = async (id: string, visible: boolean) => {
    setPending((p) => ({ ...p, [id]: visible }));
    try {
      await gm.actions.send('api/gm/bridge/log-visible', { session: id, visible });
      res.reload();
    } catch (e) {
      gm.actions.notify('error', `Failed to ${visible ? 'show' : 'hide'} the log ${id}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setPending((p) => {
        const next = { ...p };
        delete next[id];
        return next;
      });
    }
  };
  return (
    <section className="crt-panel gm-bridge-list" aria-label="Logs the players may read" data-testid="bridge-logs-toggles">
      <div className="crt-panel-title">LOGS THE PLAYERS MAY READ</div>
      {res.error && <div className="gm-error">{res.error}</div>}
      {logs && logs.length === 0 && <div className="gm-empty">No session logs.</div>}
      <ul>
        {logs?.map((l) => {
          const visible = pending[l.id] ?? l.visible;
          return (
            <li key={l.id} className="gm-bridge-item">
              <label>
                <input type="checkbox" data-testid={`log-visible-${l.id}`} checked={visible} disabled={l.id in pending} onChange={(e) => void toggle(l.id, e.target.checked)} />
                <span className="gm-bridge-item-name">{logHeading(l)}</span>
                {l.date && <span className="crt-muted">{l.date}</span>}
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
