import * as tf from '@tensorflow/tfjs';
import { AleaError } from '../../core/errors.ts';
import { installWasmKernels } from './backend-wasm-kernels.ts';

/**
 * Backend choice shared by Node and the browser. The platform entry points
 * (`backend-node.ts`, `backend-browser.ts`) say how to make each backend available; this file
 * decides the order and records why each one that failed did.
 */

export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export type Platform = 'node' | 'browser';

export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  /** Why it was not used (absent when ok). */
  reason?: string;
}

export interface BackendInfo {
  /** The backend now active. */
  name: BackendName;
  /** Every backend tried, in order, with the reason each failed one failed. */
  tried: BackendAttempt[];
}

export interface InitBackendOptions {
  /** Try this backend first; the platform's usual order follows if it fails. */
  prefer?: BackendName;
}

/** Makes a backend available (registers it, sets paths) or throws saying why it cannot be. */
export type BackendPreparer = () => Promise<void>;

const DEFAULT_ORDER: Record<Platform, BackendName[]> = {
  browser: ['webgpu', 'webgl', 'wasm', 'cpu'],
  node: ['wasm', 'cpu'],
};

/** The order to try backends in: the preferred one first (even off its platform), then the defaults. */
export function chooseBackendOrder(platform: Platform, prefer?: BackendName): BackendName[] {
  const defaults = DEFAULT_ORDER[platform];
  return prefer === undefined ? [...defaults] : [prefer, ...defaults.filter((n) => n !== prefer)];
}

/** Reads a backend name a user typed (flag, environment variable); undefined for empty. */
export function parseBackendName(text: string | undefined, source = 'backend'): BackendName | undefined {
  const value = text?.trim().toLowerCase();
  if (!value) return undefined;
  const found = BACKEND_NAMES.find((n) => n === value);
  if (!found) throw new AleaError('usage', `${source} must be one of ${BACKEND_NAMES.join(', ')}, not "${text}"`);
  return found;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] || 'unknown error';
}

/**
 * Activates the first backend of `order` that works. `preparers` lacks the backends the platform
 * cannot offer. Throws (kind 'failure') when none works, listing every reason.
 */
export async function activateFirstBackend(
  order: BackendName[],
  preparers: Partial<Record<BackendName, BackendPreparer>>,
  platformLabel: string,
): Promise<BackendInfo> {
  const tried: BackendAttempt[] = [];
  for (const name of order) {
    const prepare = preparers[name];
    if (!prepare) {
      tried.push({ name, ok: false, reason: `not available in ${platformLabel}` });
      continue;
    }
    try {
      if (tf.getBackend() !== name) {
        await prepare();
        const ok = await tf.setBackend(name);
        if (!ok) throw new Error('tfjs could not initialise it');
      }
      await tf.ready();
      if (name === 'wasm') installWasmKernels();
      tried.push({ name, ok: true });
      return { name, tried };
    } catch (error) {
      tried.push({ name, ok: false, reason: describe(error) });
    }
  }
  const reasons = tried.map((t) => `${t.name}: ${t.reason ?? 'failed'}`).join('; ');
  throw new AleaError('failure', `no tfjs backend could start (${reasons})`);
}
