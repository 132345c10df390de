import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built once and served by Electron (file/app protocol) or by browser mode.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
});
