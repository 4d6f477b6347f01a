/**
 * Brings Tone.js in over several tasks instead of one: its core, its AudioContext, its other
 * modules, a first use of the node kinds its context is set up with, then (as its index loads with
 * the engine) the transport, destination and listener it makes on that context. In one task this
 * was ~45 ms of CPU (headless Chromium), the longest on the page; the context's set-up alone still
 * took 65 ms of one task on two busy cores, most of it V8 compiling the nodes' code on first use.
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
    const Tone = await import('tone/build/esm/classes.js');
    await nextTask();
    // the kinds of node the context's transport, destination and listener are made of, made and
    // dropped once each in a task of its own, so their code is compiled before the index needs it
    const warmUps: (() => { dispose(): unknown })[] = [() => new Tone.Gain(), () => new Tone.Volume(), () => new Tone.Signal(), () => new Tone.Clock(() => {}, 1)];
    for (const make of warmUps) {
      make().dispose();
      await nextTask();
    }
  })();
  return loading;
}
