import { resolve } from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

// One build must work at "/" and under any servlet context path ("/charon/"):
// every URL the bundle emits is relative (base './'), and API calls are
// resolved at run time against the page (see src/api/http.ts).
const outDir = process.env.CHARON_FRONTEND_OUT ?? resolve(import.meta.dirname, '../target/frontend');

const pages = ['terminal', 'gmconsole', 'messages', 'player', 'login'];

export default defineConfig({
  base: './',
  plugins: [
    react(),
    // Text assets are compressed once here, at build time, beside the originals (x.js.gz and
    // x.js.br): the server picks the file the browser accepts (dev.charon.web.Precompressed), so
    // a stock Tomcat or Payara with compression off still sends 70-90 kB instead of 300 kB, and
    // no request pays for compressing. Files under 1 kB gain too little to be worth a second file.
    compression({
      algorithms: ['gzip', defineAlgorithm('brotliCompress', { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } })],
      threshold: 1024,
      logLevel: 'silent',
    }),
  ],
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
