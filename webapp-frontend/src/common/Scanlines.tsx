export function Scanlines() {
  return <div className="crt-scanlines" aria-hidden="true" />;
}
