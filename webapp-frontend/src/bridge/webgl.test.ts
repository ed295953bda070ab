import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer } from './webgl';

describe('software renderer rule', () => {
  it('CPU rasterisers are software: the scene draws at half resolution without multisampling there', () => {
    for (const r of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'Google SwiftShader',
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'Mesa softpipe',
      'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)',
    ]) {
      expect(isSoftwareRenderer(r), r).toBe(true);
    }
  });

  it('GPUs, and a renderer the browser hides, are not', () => {
    for (const r of ['ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)', 'Mali-G52 MC2', 'Apple GPU', 'WebKit WebGL', '']) {
      expect(isSoftwareRenderer(r), r).toBe(false);
    }
  });
});
