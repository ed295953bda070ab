import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles/theme.css';
import '../styles/landing.css';
import { initPerfMode } from '../common/perf';
import { Landing } from '../landing/Landing';

initPerfMode();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Landing />
  </StrictMode>,
);
