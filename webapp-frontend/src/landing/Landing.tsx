import { Scanlines } from '../common/Scanlines';

/** The root page: a small CRT menu linking the three screens (relative links only). */
const LINKS: Array<{ href: string; title: string; text: string }> = [
  { href: 'terminal/', title: 'PLAYER TERMINAL', text: 'Shared screen for the table' },
  { href: 'gmconsole/', title: 'GM CONSOLE', text: 'Game master controls (login)' },
  { href: 'messages/', title: 'MESSAGES', text: 'Personal communications (login)' },
];

export function Landing() {
  return (
    <main className="landing">
      <section className="crt-panel landing-panel">
        <h1 className="crt-panel-title">CHARON // SYSTEM ACCESS</h1>
        <nav className="landing-links">
          {LINKS.map((l) => (
            <a key={l.href} className="landing-link" href={l.href}>
              <span className="landing-link-title">&gt; {l.title}</span>
              <span className="crt-muted">{l.text}</span>
            </a>
          ))}
        </nav>
        <div className="landing-foot crt-muted crt-cursor">MOTHERSHIP // THE OUTER VEIL </div>
      </section>
      <Scanlines />
    </main>
  );
}
