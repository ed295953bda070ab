/**
 * Whether this browser can draw the 3D maps, and whether it draws them in software. Checked
 * once per page, without creating a context when the API is absent (jsdom, old TVs).
 * `?bridge=2d` (remembered nowhere) forces the 2D diagram, for weak screens and for tests of
 * the fallback.
 */
export interface WebglSupport {
  available: boolean;
  /** the renderer string (WEBGL_debug_renderer_info), '' where the browser hides it */
  renderer: string;
  /** a CPU rasteriser: SwiftShader, llvmpipe/softpipe, Microsoft's Basic Render Driver */
  software: boolean;
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** Whether a WebGL renderer string names a CPU rasteriser (every pixel costs CPU time). */
export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERER.test(renderer);
}

let checked: WebglSupport | null = null;

export function webglSupport(): WebglSupport {
  if (checked) return checked;
  const none: WebglSupport = { available: false, renderer: '', software: false };
  try {
    if (typeof window === 'undefined') return none;
    if (new URLSearchParams(window.location.search).get('bridge') === '2d') return none;
    const w = window as unknown as { WebGLRenderingContext?: unknown; WebGL2RenderingContext?: unknown };
    if (!w.WebGLRenderingContext && !w.WebGL2RenderingContext) return (checked = none);
    const canvas = document.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return (checked = none);
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String((info && gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) ?? gl.getParameter(gl.RENDERER) ?? '');
    // give the probe's context back now: browsers cap the live contexts of a page
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return (checked = { available: true, renderer, software: isSoftwareRenderer(renderer) });
  } catch {
    return none;
  }
}

export function webglAvailable(): boolean {
  return webglSupport().available;
}
