/** The Tone.js engine and Tone itself, loaded for an engine test file (Node, web-audio-api polyfill). */
import { loadToneEngine } from '../../../src/engine/render-node.ts';

export type ToneEngine = Awaited<ReturnType<typeof loadToneEngine>>;

export async function loadTone(): Promise<{ engine: ToneEngine; Tone: typeof import('tone') }> {
  const engine = await loadToneEngine(); // first: it installs the audio polyfill Tone needs
  return { engine, Tone: await import('tone') };
}
