import { BRIDGE_TABS, type BridgeTab } from '../state/types';

/**
 * The BRIDGE tab bar (bridge.md §1). The tab on screen is the pushed `bridge_tab`; a player
 * can press another one only while the GM lets the players explore (the press is a request,
 * the push moves the screen). Otherwise the bar only shows where the GM is.
 */
export function TabBar({
  tab,
  explore,
  charonNews,
  onPick,
}: {
  tab: BridgeTab;
  explore: boolean;
  charonNews: boolean;
  onPick: (t: BridgeTab) => void;
}) {
  return (
    <nav className="bridge-tabs crt-panel" aria-label="Bridge sections" data-testid="bridge-tabs" data-explore={explore ? 'true' : 'false'}>
      {BRIDGE_TABS.map((t) => (
        <button
          key={t}
          type="button"
          className={`bridge-tab${t === tab ? ' active' : ''}`}
          data-testid={`bridge-tab-${t}`}
          aria-current={t === tab ? 'page' : undefined}
          // not `disabled`: a disabled button loses its contrast; this one is simply inert
          aria-disabled={!explore || t === tab}
          tabIndex={explore ? 0 : -1}
          onClick={() => {
            if (explore && t !== tab) onPick(t);
          }}
        >
          {t}
          {t === 'CHARON' && charonNews && t !== tab && <span className="bridge-tab-dot" data-testid="bridge-charon-dot" aria-label="new messages" />}
        </button>
      ))}
      <span className={`bridge-control${explore ? ' crew' : ''}`} data-testid="bridge-control">
        {explore ? '◉ CREW CONTROL' : '○ GM CONTROL'}
      </span>
    </nav>
  );
}
