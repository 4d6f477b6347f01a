/**
 * Counts Tone.js audio nodes that were made and not yet disposed, for leak checks in a running
 * app (the browser test's hooks). Every Tone node reads `defaultContext` once as it is made, so a
 * getter there sees each one; nothing is counted before `startToneNodeCensus`.
 */
import * as Tone from 'tone';

const made = new Set<Tone.ToneAudioNode>();
let started = false;

export function startToneNodeCensus(): void {
  if (started) return;
  started = true;
  Object.defineProperty(Tone.ToneAudioNode.prototype, 'defaultContext', {
    configurable: true,
    get(this: Tone.ToneAudioNode): undefined {
      made.add(this);
      return undefined; // what the property is when nothing defines it: nodes take the global context
    },
  });
}

/** Tone nodes made since the census started and not disposed. */
export function liveToneNodes(): number {
  for (const node of made) if (node.disposed) made.delete(node);
  return made.size;
}
