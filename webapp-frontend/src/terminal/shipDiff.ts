import type { ShipStatus } from '../state/types';

/** Names of the systems whose status or condition differs between two ship readings. */
export function changedSystems(prev: ShipStatus | null, next: ShipStatus): string[] {
  if (!prev) return [];
  const a = prev.ship?.systems ?? {};
  const b = next.ship?.systems ?? {};
  return Object.keys(b).filter((name) => {
    const x = a[name];
    const y = b[name];
    return !x || x.status !== y.status || x.condition !== y.condition;
  });
}
