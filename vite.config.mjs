// Vite builds the web app (src/web) into dist/web, which the service serves at /. `npm run build` runs it
// through scripts/build-web.mjs (skipped when nothing it reads changed); `npm run dev` serves it with hot
// reload, proxying /api and /health to the service in watch mode.
import react from '@vitejs/plugin-react-swc';
import { defineConfig } from 'vite';

const service = process.env.HINDSIGHT_DEV_API ?? 'http://127.0.0.1:3000';

export default defineConfig(({ command }) => ({
  root: 'src/web',
  // React Fast Refresh in the dev server (an edited component is swapped in place, the page keeps its state); the
  // build keeps Vite's own JSX transform. The SWC plugin, because @vitejs/plugin-react 6 does not install beside
  // Jest's Babel 7 (npm refuses an optional Babel 8 peer of its optional @rolldown/plugin-babel); it prints a
  // suggestion to switch to it at start-up.
  plugins: command === 'serve' ? [react()] : [],
  // Every asset is served by Hindsight itself, and its CSP allows no inline script: no inlined module
  // preload polyfill, no assets inlined as data: URLs into scripts.
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    reportCompressedSize: true,
    rolldownOptions: {
      // React Query marks its hooks "use client" (for React Server Components); meaningless in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    // The API's paths only: the app's own modules live under /api/ too (src/web/api/*.ts).
    proxy: { '/api/v1': service, '/api/docs': service, '/health': service },
  },
}));
