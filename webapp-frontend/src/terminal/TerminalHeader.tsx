import { Typewriter } from '../common/Typewriter';

/** Header bar (ui.md §2.1): location name typed out in ENCOUNTER, else MOTHERSHIP / TERMINAL. */
export function TerminalHeader({ viewType, locationName }: { viewType: string; locationName: string }) {
  if (viewType === 'ENCOUNTER') {
    return (
      <header className="crt-header" data-testid="terminal-header">
        <h1 className="crt-header-title">
          {locationName ? <Typewriter text={locationName.toUpperCase()} msPerChar={50} cursor /> : 'ENCOUNTER'}
        </h1>
      </header>
    );
  }
  return (
    <header className="crt-header" data-testid="terminal-header">
      <h1 className="crt-header-title">MOTHERSHIP</h1>
      <span className="crt-header-subtitle">TERMINAL</span>
      {viewType !== 'BRIDGE' && <span className="crt-header-right">STATION ACCESS</span>}
    </header>
  );
}
