import { createRoot } from 'react-dom/client';
import '../styles/theme.css';

createRoot(document.getElementById('root')!).render(<main>login</main>);
