import type { MapPoi } from '../state/types';

/** A point of interest on the deck map: one shape per kind (ui.md §3.3), explained in the legend. */
export function poiKind(p: MapPoi): string {
  const k = String(p.icon || p.type || '').toLowerCase();
  if (['objective', 'hazard', 'warning', 'item', 'crate', 'npc', 'player', 'pod'].includes(k)) {
    return k === 'warning' ? 'hazard' : k === 'crate' ? 'item' : k;
  }
  return 'square';
}

export function PoiIcon({ poi, unit, sample = false }: { poi: MapPoi; unit: number; sample?: boolean }) {
  const kind = poiKind(poi);
  const s = unit * 0.22;
  let shape;
  switch (kind) {
    case 'objective':
    case 'hazard':
      shape = <polygon points={`0,${-s} ${s},${s * 0.8} ${-s},${s * 0.8}`} />;
      break;
    case 'npc':
      shape = <circle r={s * 0.8} />;
      break;
    case 'player':
      shape = <polygon points={`0,${-s} ${s},0 0,${s} ${-s},0`} />;
      break;
    case 'pod': {
      const pts = Array.from({ length: 6 }, (_, i) => {
        const a = (Math.PI / 3) * i;
        return `${(Math.cos(a) * s).toFixed(2)},${(Math.sin(a) * s).toFixed(2)}`;
      }).join(' ');
      shape = <polygon points={pts} />;
      break;
    }
    default:
      shape = <rect x={-s * 0.7} y={-s * 0.7} width={s * 1.4} height={s * 1.4} />;
  }
  return (
    <g
      className={`map-poi poi-${kind}`}
      data-poi-id={sample ? undefined : poi.id}
      data-detail={sample ? undefined : 'poi'}
      transform={`translate(${poi.position.x * unit + unit / 2} ${poi.position.y * unit + unit / 2})`}
    >
      {shape}
    </g>
  );
}
