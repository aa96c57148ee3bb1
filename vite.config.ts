import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));
const outputDirectory = fileURLToPath(new URL('./dist/renderer', import.meta.url));

// Vite reads its config from the default export; the one place the named-exports rule gives way.
export default defineConfig({
  root: rendererRoot,
  // Relative asset URLs: Electron loads index.html from file://, the web host from its own root.
  base: './',
  plugins: [react()],
  build: {
    outDir: outputDirectory,
    emptyOutDir: true,
    // The CSP allows only 'self' scripts, so nothing may be inlined into index.html; Chromium
    // supports modulepreload natively, so the polyfill is not needed either.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
});
