import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One build must work at "/" and under any servlet context path ("/charon/"):
// every URL the bundle emits is relative (base './'), and API calls are
// resolved at run time against the page (see src/api/http.ts).
const outDir = process.env.CHARON_FRONTEND_OUT ?? resolve(import.meta.dirname, '../target/frontend');

const pages = ['terminal', 'gmconsole', 'messages', 'login'];

export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: 'assets',
    // three.js, fiber and drei make the BRIDGE's 3D chunk ≈960 kB: loaded lazily, only when a
    // map is shown (src/bridge/SceneHost.tsx), so its size does not weigh on any page's start
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        ...Object.fromEntries(pages.map((p) => [p, resolve(import.meta.dirname, p, 'index.html')])),
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    // Generous for a loaded 2-core CI machine; a test that is merely slow should not fail.
    testTimeout: 20000,
  },
});
