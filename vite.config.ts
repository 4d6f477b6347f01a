import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The workstation is a static single-page app: models, samples and presets are served from the
// repository folders of the same names so that nothing is fetched from outside at run time.
export default defineConfig({
  root: 'src/app',
  publicDir: false,
  plugins: [svelte()],
  server: { fs: { allow: ['../..'] } },
  build: { outDir: '../../dist', emptyOutDir: true },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@tensorflow/tfjs-backend-wasm'] },
});
