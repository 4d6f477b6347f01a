/**
 * Hooks the browser test reads and pulls (tests/browser/fault-checks.mjs): leak counts and
 * faults made on purpose. Installed only when the page's URL has `?test-hooks`; they read state
 * and break things the app must survive, nothing else.
 */
import type { TensorMemory } from '../../ml/runtime/backend-health.ts';
import type { BackendStatus } from '../state/backend-status.svelte.ts';
import type { ProjectStore } from '../state/project-store.svelte.ts';

export interface AleaTestHooks {
  /** tensors the ML worker holds */
  mlMemory(): Promise<TensorMemory>;
  /** Tone.js nodes made since the page opened and not disposed */
  toneNodes(): number;
  /** ends the ML worker as a crash would */
  crashMlWorker(): Promise<void>;
  /** the ML worker loses its WebGL context; false when it is not on webgl */
  loseWebglContext(): Promise<boolean>;
  /** writes the autosave now instead of after the usual wait */
  autosaveNow(): Promise<void>;
}

declare global {
  interface Window {
    __aleaTest?: AleaTestHooks;
  }
}

export function wantsTestHooks(): boolean {
  return new URLSearchParams(location.search).has('test-hooks');
}

/** Installs the hooks on `window.__aleaTest`; returns a function that removes them. */
export function installTestHooks(backend: BackendStatus, projects: ProjectStore): () => void {
  // Tone loads with the census here (the app itself loads it on first need)
  let toneNodes = (): number => 0;
  void import('../../engine/tone/node-census.ts').then((census) => {
    census.startToneNodeCensus();
    toneNodes = census.liveToneNodes;
  });
  window.__aleaTest = {
    mlMemory: () => backend.memory(),
    toneNodes: () => toneNodes(),
    crashMlWorker: () => backend.crashWorker(),
    loseWebglContext: () => backend.loseWebglContext(),
    autosaveNow: () => projects.autosaveNow(),
  };
  return () => delete window.__aleaTest;
}
