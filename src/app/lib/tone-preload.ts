/**
 * Brings Tone.js in over four tasks instead of one: its core, its AudioContext, its other modules,
 * then (as its index loads with the engine) the transport, destination and listener it makes on
 * that context. In one task this was ~45 ms of CPU (headless Chromium), the longest on the page.
 */
import { nextTask } from '../../engine/task-steps.ts';

let loading: Promise<void> | null = null;

export function preloadTone(): Promise<void> {
  loading ??= (async () => {
    // Tone's core (standardized-audio-context underneath), its context, then its other modules:
    // every one but its index, whose top level sets up the context's transport and destination
    const { getContext } = await import('tone/build/esm/core/Global.js');
    await nextTask();
    // standardized-audio-context tests the browser's source nodes on the first one made (a third of
    // what Tone's index then does): a throwaway one here, in the context's task
    getContext().createConstantSource();
    await nextTask();
    await import('tone/build/esm/classes.js');
    await nextTask();
  })();
  return loading;
}
