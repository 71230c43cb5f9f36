/**
 * Builds the dashboard front end (src/web) into dist/web, which `cloudrounds serve` serves and the npm
 * package ships, so users never run a build. The output is plain external files (no inline script or
 * style, no data: URIs) because the server's Content-Security-Policy allows only 'self'.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  // React 19's automatic JSX runtime, through Vite's own transformer (no plugin).
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir,
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
  },
});
