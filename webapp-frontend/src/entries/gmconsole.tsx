import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles/theme.css';
import '../styles/encounter-map.css';
import '../styles/gmconsole.css';
import { initPerfMode } from '../common/perf';
import { GmConsoleApp } from '../gmconsole/GmConsoleApp';
import { createGmStore } from '../gmconsole/store';

initPerfMode();
const store = createGmStore();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <GmConsoleApp store={store} />
  </StrictMode>,
);
