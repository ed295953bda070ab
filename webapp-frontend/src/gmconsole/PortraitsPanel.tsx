import { thumbnailUrl } from '../api/http';
import type { ActiveView, NpcData } from '../state/types';
import type { Gm } from './gm';
import { useGmView } from './hooks';

const EMPTY_NPCS: Record<string, NpcData> = {};
const EMPTY_IDS: string[] = [];
const selectNpcs = (v: ActiveView | null) => v?.encounter_npc_data ?? EMPTY_NPCS;
const selectActive = (v: ActiveView | null) => v?.encounter_active_portraits ?? EMPTY_IDS;

/** Every campaign NPC with SHOW / DISMISS (explicit `visible`); several may be shown at once. */
export function PortraitsPanel({ gm }: { gm: Gm }) {
  const npcs = useGmView(gm.store, selectNpcs);
  const active = useGmView(gm.store, selectActive);
  const list = Object.values(npcs).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="gm-portraits" data-testid="portraits-panel">
      <div className="gm-toolbar">
        <span className="gm-count">{active.length} ON SCREEN</span>
        <button
          type="button"
          className="crt-button gm-mini"
          data-testid="portraits-dismiss-all"
          disabled={active.length === 0}
          onClick={() => active.forEach((id) => void gm.actions.run({ kind: 'portrait', npc_id: id, visible: false }))}
        >
          DISMISS ALL
        </button>
      </div>
      {list.length === 0 && <div className="gm-empty">No NPCs in this campaign.</div>}
      <ul className="gm-portrait-grid">
        {list.map((npc) => {
          const shown = active.includes(npc.id);
          return (
            <li key={npc.id} className={`gm-portrait${shown ? ' active' : ''}`} data-active={shown}>
              <span className="gm-portrait-thumb">
                {npc.portrait ? <img src={thumbnailUrl(npc.portrait, 128)} alt="" loading="lazy" /> : (npc.name[0] ?? '?')}
              </span>
              <span className="gm-portrait-name">{npc.name}</span>
              <button
                type="button"
                className={`crt-button gm-mini${shown ? ' active' : ''}`}
                data-testid={`portrait-toggle-${npc.id}`}
                aria-pressed={shown}
                onClick={() => void gm.actions.run({ kind: 'portrait', npc_id: npc.id, visible: !shown })}
              >
                {shown ? 'DISMISS' : 'SHOW'}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
