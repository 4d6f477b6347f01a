import * as tf from '@tensorflow/tfjs';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { activateFirstBackend, chooseBackendOrder, parseBackendName, type BackendInfo, type InitBackendOptions } from './backend.ts';

export type { BackendInfo, InitBackendOptions } from './backend.ts';

export interface BrowserBackendOptions extends InitBackendOptions {
  /**
   * Where the wasm binaries are served. By default Vite emits them with the app (the `?url`
   * imports above) so they come from the app's own origin, never a CDN; pass a folder URL ending
   * in '/' to serve them from elsewhere on the same site.
   */
  wasmPaths?: string;
}

/** `?backend=wasm` in the page's (or worker's) URL picks a backend, like ALEA_BACKEND in Node. */
function preferFromLocation(): string | undefined {
  const search = globalThis.location?.search;
  return search ? (new URLSearchParams(search).get('backend') ?? undefined) : undefined;
}

/**
 * Starts tfjs in a page or worker: webgpu → webgl → wasm → cpu, the preferred one first.
 * The webgpu and wasm packages are imported only when tried, so a page that gets webgl never
 * downloads them.
 */
export async function initBackend(options: BrowserBackendOptions = {}): Promise<BackendInfo> {
  tf.enableProdMode();
  const prefer = options.prefer ?? parseBackendName(preferFromLocation(), 'the backend URL parameter');
  return activateFirstBackend(
    chooseBackendOrder('browser', prefer),
    {
      webgpu: async () => {
        if (!('gpu' in globalThis.navigator)) throw new Error('this browser has no WebGPU (navigator.gpu)');
        await import('@tensorflow/tfjs-backend-webgpu');
      },
      webgl: async () => {},
      wasm: async () => {
        const wasm = await import('@tensorflow/tfjs-backend-wasm');
        wasm.setWasmPaths(
          options.wasmPaths ?? {
            'tfjs-backend-wasm.wasm': wasmPlainUrl,
            'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
            'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
          },
        );
      },
      cpu: async () => {},
    },
    'this browser',
  );
}
