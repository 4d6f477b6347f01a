/**
 * What a host needs to keep tfjs working when the GPU goes away, and to check for leaks: tensor
 * counts, a watch on the webgl backend's context, the move to another backend after a loss.
 * Browser only (webgl); in Node the watch does nothing.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend-browser.ts';
import type { BackendInfo } from './backend.ts';

type GlContext = WebGLRenderingContext | WebGL2RenderingContext;

export interface TensorMemory {
  numTensors: number;
  numBytes: number;
}

export function tensorMemory(): TensorMemory {
  const { numTensors, numBytes } = tf.memory();
  return { numTensors, numBytes };
}

function isGlContext(value: unknown): value is GlContext {
  return (
    (typeof WebGL2RenderingContext !== 'undefined' && value instanceof WebGL2RenderingContext) ||
    (typeof WebGLRenderingContext !== 'undefined' && value instanceof WebGLRenderingContext)
  );
}

/** The webgl backend's context (the backend keeps it at `gpgpu.gl`), or null on any other backend. */
function webglContext(): GlContext | null {
  if (tf.getBackend() !== 'webgl') return null;
  const backend: unknown = tf.backend();
  const gpgpu: unknown = typeof backend === 'object' && backend !== null && 'gpgpu' in backend ? backend.gpgpu : null;
  const gl: unknown = typeof gpgpu === 'object' && gpgpu !== null && 'gl' in gpgpu ? gpgpu.gl : null;
  return isGlContext(gl) ? gl : null;
}

/**
 * Calls `onLost` once if the webgl backend's context is lost (a GPU reset, a driver crash, the
 * browser reclaiming contexts). Returns a function that stops watching; does nothing off webgl.
 */
export function watchWebglContext(onLost: () => void): () => void {
  const canvas = webglContext()?.canvas;
  if (canvas === undefined) return () => {};
  const listener = (): void => onLost();
  canvas.addEventListener('webglcontextlost', listener, { once: true });
  return () => canvas.removeEventListener('webglcontextlost', listener);
}

/** Loses the webgl backend's context on purpose (WEBGL_lose_context), for fault tests; false off webgl. */
export function loseWebglContext(): boolean {
  const extension = webglContext()?.getExtension('WEBGL_lose_context');
  if (extension == null) return false;
  extension.loseContext();
  return true;
}

/**
 * After the webgl context was lost: drops the webgl backend (its tensors are gone with the
 * context; dispose the models on it first) and starts the next backend that works, wasm first.
 */
export async function replaceLostWebgl(): Promise<BackendInfo> {
  try {
    tf.removeBackend('webgl');
  } catch {
    // disposing a backend whose context is gone may fail; it is dropped either way
  }
  return initBackend({ prefer: 'wasm' });
}
