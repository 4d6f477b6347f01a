import * as tf from '@tensorflow/tfjs';
import { activateFirstBackend, chooseBackendOrder, parseBackendName, type BackendInfo, type InitBackendOptions } from './backend.ts';

export type { BackendInfo, InitBackendOptions } from './backend.ts';

/**
 * Starts tfjs in Node: wasm (XNNPACK, 30–40× faster than the pure-JS cpu backend), else cpu.
 * `options.prefer`, or else the environment variable ALEA_BACKEND, is tried first. Node never
 * imports the webgpu package: asking for webgpu or webgl records "not available in Node".
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  // Production mode: skips debug checks and tfjs's console advice to install tfjs-node.
  tf.enableProdMode();
  const prefer = options.prefer ?? parseBackendName(process.env.ALEA_BACKEND, 'ALEA_BACKEND');
  return activateFirstBackend(
    chooseBackendOrder('node', prefer),
    {
      wasm: async () => {
        await import('@tensorflow/tfjs-backend-wasm');
      },
      cpu: async () => {},
    },
    'Node',
  );
}
