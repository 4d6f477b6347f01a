// Interim browser backend start, standing in for src/ml/runtime/backend-browser.ts until it lands.
import { activateFirstBackend, chooseBackendOrder, type BackendInfo, type InitBackendOptions } from '../../ml/runtime/backend.ts';

export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  return activateFirstBackend(
    chooseBackendOrder('browser', options.prefer),
    {
      webgpu: async () => {
        if (!('gpu' in navigator) || navigator.gpu === undefined) throw new Error('this browser offers no WebGPU');
        await import('@tensorflow/tfjs-backend-webgpu');
      },
      webgl: async () => {},
      wasm: async () => {
        await import('@tensorflow/tfjs-backend-wasm');
      },
      cpu: async () => {},
    },
    'this browser',
  );
}
