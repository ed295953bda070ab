import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles/theme.css';
import '../styles/encounter-map.css';
import '../styles/player.css';
import { initPerfMode } from '../common/perf';
import { PlayerApp } from '../player/PlayerApp';
import { createTerminalStore } from '../terminal/store';

initPerfMode();
const store = createTerminalStore();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PlayerApp store={store} />
  </StrictMode>,
);
