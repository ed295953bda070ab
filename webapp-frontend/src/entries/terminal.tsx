import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles/theme.css';
import '../styles/encounter-map.css';
import '../styles/terminal.css';
import '../styles/bridge.css';
import { initPerfMode } from '../common/perf';
import { TerminalApp } from '../terminal/TerminalApp';
import { createTerminalStore } from '../terminal/store';

initPerfMode();
const store = createTerminalStore();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TerminalApp store={store} />
  </StrictMode>,
);
