import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles/theme.css';
import '../styles/messages.css';
import { initPerfMode } from '../common/perf';
import { MessagesApp } from '../messages/MessagesApp';

initPerfMode();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MessagesApp />
  </StrictMode>,
);
