import { useState } from 'react';
import type { ActiveView } from '../state/types';
import type { Gm } from './gm';
import { useGmView, type JsonResource } from './hooks';

/** GET api/gm/locations/ (spec/api.md §3.2). */
export interface LocationTerminal {
  slug: string;
  name?: string;
  owner?: string;
  description?: string;
}

export interface LocationNode {
  slug: string;
  name: string;
  type?: string;
  status?: string;
  has_map?: boolean;
  terminals?: LocationTerminal[];
  children?: LocationNode[];
}

const selectTree = (v: ActiveView | null) =>
  v ? `${v.view_type}\u0001${v.location_slug}\u0001${v.overlay_location_slug}\u0001${v.overlay_terminal_slug}` : '';

/**
 * The location tree. A click on a location shows it at once while the view is ENCOUNTER;
 * in any other view it prepares it (the GM sets up the map, then presses ENCOUNTER).
 * Comm terminals are leaf rows with SHOW / HIDE for the overlay.
 */
export function LocationTree({ gm, resource }: { gm: Gm; resource: JsonResource<{ locations?: LocationNode[] }> }) {
  const key = useGmView(gm.store, selectTree);
  const [viewType, locationSlug, overlayLoc, overlayTerm] = key.split('\u0001');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const locations = resource.data?.locations ?? [];
  const live = viewType === 'ENCOUNTER';

  const select = (node: LocationNode) => {
    if (!viewType || node.slug === locationSlug) return;
    void gm.actions
      .run({
        kind: 'switch-view',
        view_type: live ? 'ENCOUNTER' : viewType,
        location_slug: node.slug,
        location: { name: node.name, type: node.type ?? '', has_map: !!node.has_map },
      })
      .then((ok) => {
        if (ok && !live) gm.actions.notify('ok', `Prepared ${node.name || node.slug}: press ENCOUNTER to show it`);
      });
  };
  const toggleTerminal = (loc: LocationNode, t: LocationTerminal) => {
    const open = overlayLoc === loc.slug && overlayTerm === t.slug;
    void gm.actions.run({
      kind: 'show-terminal',
      location_slug: open ? '' : loc.slug,
      terminal_slug: open ? '' : t.slug,
    });
  };
  const toggleOpen = (slug: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(slug)) next.delete(slug);
      else next.add(slug);
      return next;
    });

  const renderNode = (node: LocationNode, depth: number) => {
    const children = node.children ?? [];
    const terminals = node.terminals ?? [];
    const hasKids = children.length + terminals.length > 0;
    const open = !collapsed.has(node.slug);
    const selected = node.slug === locationSlug;
    return (
      <li key={node.slug} className="gm-tree-item" role="treeitem" aria-expanded={hasKids ? open : undefined} aria-selected={selected}>
        <div className={`gm-tree-row${selected ? ' selected' : ''}`} style={{ paddingLeft: depth * 14 }}>
          {hasKids ? (
            <button
              type="button"
              className="gm-tree-twisty"
              aria-label={`${open ? 'Collapse' : 'Expand'} ${node.name}`}
              onClick={() => toggleOpen(node.slug)}
            >
              {open ? '▾' : '▸'}
            </button>
          ) : (
            <span className="gm-tree-twisty-space" />
          )}
          <button
            type="button"
            className="gm-tree-location"
            data-testid={`location-${node.slug}`}
            aria-current={selected ? 'location' : undefined}
            title={`${node.name || node.slug}: ${live ? 'show this location now' : 'prepare this location for ENCOUNTER'}`}
            onClick={() => select(node)}
          >
            <span className="gm-tree-name">{node.name || node.slug}</span>
          </button>
          {node.type && <span className={`gm-tag gm-tag-${node.type.toLowerCase()}`}>{node.type.toUpperCase()}</span>}
          {node.has_map && <span className="gm-tag gm-tag-map">MAP</span>}
        </div>
        {open && hasKids && (
          <ul role="group" className="gm-tree-children">
            {terminals.map((t) => {
              const shown = overlayLoc === node.slug && overlayTerm === t.slug;
              return (
                <li key={`t:${t.slug}`} className="gm-tree-terminal" role="treeitem" aria-selected={shown}>
                  <div className={`gm-tree-row gm-terminal-row${shown ? ' shown' : ''}`} style={{ paddingLeft: (depth + 1) * 14 + 18 }}>
                    <span className="gm-terminal-icon" aria-hidden="true">▣</span>
                    <span className="gm-tree-name" title={[t.name || t.slug, t.description].filter(Boolean).join(' — ')}>
                      {t.name || t.slug}
                    </span>
                    {t.owner && (
                      <span className="gm-tag gm-tag-owner" title={t.owner}>
                        {t.owner}
                      </span>
                    )}
                    <button
                      type="button"
                      className={`crt-button gm-mini${shown ? ' active' : ''}`}
                      data-testid={`terminal-${node.slug}-${t.slug}`}
                      aria-pressed={shown}
                      onClick={() => toggleTerminal(node, t)}
                    >
                      {shown ? 'HIDE' : 'SHOW'}
                    </button>
                  </div>
                </li>
              );
            })}
            {children.map((c) => renderNode(c, depth + 1))}
          </ul>
        )}
      </li>
    );
  };

  return (
    <div className="gm-tree" data-testid="gm-location-tree">
      <div className="gm-tree-hint">
        {live ? 'ENCOUNTER: a click shows the location to the players' : `${viewType || '…'}: a click prepares the location`}
      </div>
      {resource.error && (
        <div className="gm-error" role="alert">
          Locations: {resource.error}{' '}
          <button type="button" className="crt-button gm-mini" onClick={resource.reload}>
            RETRY
          </button>
        </div>
      )}
      {!resource.data && resource.loading && <div className="crt-muted gm-pad">Loading…</div>}
      <ul className="gm-tree-root" role="tree" aria-label="Locations">
        {locations.map((n) => renderNode(n, 0))}
      </ul>
    </div>
  );
}
