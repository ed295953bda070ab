/**
 * Whether this browser can draw the 3D maps. Checked once, without creating a context when
 * the API is absent (jsdom, old TVs). `?bridge=2d` (remembered nowhere) forces the 2D
 * diagram, for weak screens and for tests of the fallback.
 */
export function webglAvailable(): boolean {
  try {
    if (typeof window === 'undefined') return false;
    if (new URLSearchParams(window.location.search).get('bridge') === '2d') return false;
    const w = window as unknown as { WebGLRenderingContext?: unknown; WebGL2RenderingContext?: unknown };
    if (!w.WebGLRenderingContext && !w.WebGL2RenderingContext) return false;
    const canvas = document.createElement('canvas');
    return !!(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}
