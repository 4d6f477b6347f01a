import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';

const repoRoot = resolve(import.meta.dirname);

/**
 * The built page's Content-Security-Policy: scripts, workers, models and samples come from the
 * app's own origin and nothing from anywhere else. 'wasm-unsafe-eval' lets the wasm backend
 * compile its binaries (it allows WebAssembly, not JavaScript eval); Tone.js runs its clock in a
 * worker made from a blob; inline styles are Svelte's style attributes. A meta tag goes into index.html; `vite preview` also sends it as a header,
 * which covers the workers too (a meta tag reaches only the page).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Puts the policy into the built index.html (not in dev: Vite's live reload needs more). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'alea-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

/** Repository folders the workstation reads at run time, served under the same URL prefix. */
const SHIPPED_FOLDERS = ['samples', 'models', 'presets'] as const;

/** The samples menu reads this listing; it is generated from the folder, never hand-written. */
const SAMPLE_INDEX = 'samples/index.json';
const SAMPLE_EXTENSIONS = new Set(['.mid', '.midi', '.wav']);

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.mid': 'audio/midi',
  '.midi': 'audio/midi',
  '.wav': 'audio/wav',
  '.bin': 'application/octet-stream',
};

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** The MIDI and WAV files at the top of samples/, sorted by name. */
function sampleIndex(): string {
  const folder = join(repoRoot, 'samples');
  const files = existsSync(folder)
    ? readdirSync(folder, { withFileTypes: true })
        .filter((entry) => entry.isFile() && SAMPLE_EXTENSIONS.has(extname(entry.name).toLowerCase()))
        .map((entry) => entry.name)
        .sort()
    : [];
  return JSON.stringify({ files });
}

/** Maps a request path like "/models/vae/model.json" to a file inside a shipped folder, or null. */
function shippedFile(urlPath: string): string | null {
  const path = decodeURIComponent(urlPath.split('?')[0]);
  const folder = SHIPPED_FOLDERS.find((name) => path.startsWith(`/${name}/`));
  if (folder === undefined) return null;
  const base = join(repoRoot, folder);
  const file = normalize(join(repoRoot, path));
  if (!file.startsWith(base + sep)) return null; // no escaping the folder with "../"
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/**
 * Serves samples/, models/ and presets/ in dev and copies them into the build, so the app fetches
 * them by the same URLs in both and nothing comes from outside at run time.
 */
function shippedFolders(): Plugin {
  return {
    name: 'alea-shipped-folders',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = req.url ?? '';
        if (url.split('?')[0] === `/${SAMPLE_INDEX}`) {
          res.setHeader('Content-Type', 'application/json');
          res.end(sampleIndex());
          return;
        }
        const file = shippedFile(url);
        if (file === null) return next();
        res.setHeader('Content-Type', CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const folder of SHIPPED_FOLDERS) {
        for (const file of filesUnder(join(repoRoot, folder))) {
          const fileName = relative(repoRoot, file).split(sep).join('/');
          this.emitFile({ type: 'asset', fileName, source: readFileSync(file) });
        }
      }
      this.emitFile({ type: 'asset', fileName: SAMPLE_INDEX, source: sampleIndex() });
    },
  };
}

export default defineConfig({
  root: 'src/app',
  publicDir: false,
  plugins: [svelte(), shippedFolders(), contentSecurityPolicy()],
  server: { fs: { allow: ['../..'] } },
  preview: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  build: { outDir: '../../dist', emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  worker: { format: 'es' },
  // tfjs-backend-wasm is pre-bundled like any dependency (its emscripten glue is CommonJS); the
  // worker points it at the .wasm files with setWasmPaths, so their location never depends on it.
  optimizeDeps: { include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu'] },
});
