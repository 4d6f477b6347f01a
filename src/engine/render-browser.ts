/**
 * Browser entry of the engine's offline render (the app's WAV export). The default path is the
 * same plain-TypeScript renderer Node uses, so an export from the app and from `alea render`
 * are identical; `renderProjectWithTone` renders the live Tone.js graph in an
 * OfflineAudioContext instead.
 */
import type { AudioData } from '../core/audio/audio-data.ts';
import { renderProjectMix, type RenderOptions } from './offline/render-project.ts';
import type { Project } from './project.ts';

export type { RenderOptions } from './offline/render-project.ts';
export { benchRender, type RenderBench } from './bench.ts';
export { renderProjectWav } from './offline/render-wav.ts';

export function renderProjectOffline(project: Project, options: RenderOptions = {}): Promise<AudioData> {
  return renderProjectMix(project, options);
}

export async function renderProjectWithTone(project: Project, options: RenderOptions = {}): Promise<AudioData> {
  const tone = await import('./tone/tone-render.ts');
  return tone.renderProjectWithTone(project, options);
}
