import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles/theme.css';
import '../styles/login.css';
import { initPerfMode } from '../common/perf';
import { LoginApp } from '../login/LoginApp';

initPerfMode();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LoginApp />
  </StrictMode>,
);
