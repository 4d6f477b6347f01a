/**
 * Node entry of the engine (the CLI's `alea render` and `alea bench`).
 * `renderProjectOffline` needs no Web Audio at all; the Tone.js graph is loaded on demand, after
 * the `web-audio-api` polyfill, because Tone reads the Web Audio globals when it is imported.
 */
import type { AudioData } from '../core/audio/audio-data.ts';
import { renderProjectMix, type RenderOptions } from './offline/render-project.ts';
import type { Project } from './project.ts';

export type { RenderOptions } from './offline/render-project.ts';
export { renderProjectBlocks, type RenderSink, type RenderSummary } from './offline/render-blocks.ts';
export { benchRender, type RenderBench } from './bench.ts';

/** Renders a project to stereo audio (deterministic, peak ≤ −1 dBFS). */
export function renderProjectOffline(project: Project, options: RenderOptions = {}): Promise<AudioData> {
  return renderProjectMix(project, options);
}

/** The Tone.js playback graph in Node (polyfilled Web Audio). */
export async function loadToneEngine(): Promise<typeof import('./tone/index.ts')> {
  await import('./node-polyfill.ts');
  return import('./tone/index.ts');
}

/** Renders through Tone.Offline on the polyfill: what playback sounds like, but slow in Node. */
export async function renderProjectWithToneInNode(project: Project, options: RenderOptions = {}): Promise<AudioData> {
  const tone = await loadToneEngine();
  return tone.renderProjectWithTone(project, options);
}
