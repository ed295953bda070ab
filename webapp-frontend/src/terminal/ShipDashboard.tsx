import { StatusTab } from '../bridge/StatusTab';
import type { ShipSystemOverride } from '../state/types';

const NO_OVERRIDES: Record<string, ShipSystemOverride> = {};

/**
 * SHIP_DASHBOARD: the ship's status over the whole screen, without the BRIDGE's tabs — for a
 * scene where the table watches the ship's systems fail. The same panel as BRIDGE › STATUS, so
 * it follows the GM's pushed overrides the same way (fetched again only when they change).
 */
export function ShipDashboard({
  overrides,
  onProblem,
}: {
  overrides: Record<string, ShipSystemOverride> | undefined;
  onProblem?: (message: string) => void;
}) {
  return (
    <div className="bridge-view ship-dashboard" data-testid="view-SHIP_DASHBOARD">
      <h2 className="ship-dashboard-title">SHIP DASHBOARD</h2>
      <div className="bridge-content ship-dashboard-content">
        <StatusTab overrides={overrides ?? NO_OVERRIDES} onProblem={onProblem} />
      </div>
    </div>
  );
}
