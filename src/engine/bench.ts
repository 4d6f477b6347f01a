/** How fast the offline renderer runs: the number `alea bench` reports. */
import { audioDuration } from '../core/audio/audio-data.ts';
import { buildBenchProject } from './bench-song.ts';
import { renderProjectMix } from './offline/render-project.ts';

export interface RenderBench {
  /** seconds of audio rendered */
  audioSeconds: number;
  /** wall-clock seconds the render took */
  wallSeconds: number;
  timesRealTime: number;
}

/**
 * Renders the 3-track bench song (30 bars = 60 s at 120 bpm) and times it. Samples are synthesised
 * on first use and cached, so the first call includes that work, as a user's first render does.
 */
export async function benchRender(options: { bars?: number; sampleRate?: number } = {}): Promise<RenderBench> {
  const project = buildBenchProject(options.bars ?? 30);
  const started = performance.now();
  const audio = await renderProjectMix(project, { sampleRate: options.sampleRate ?? 44100 });
  const wallSeconds = (performance.now() - started) / 1000;
  const audioSeconds = audioDuration(audio);
  return { audioSeconds, wallSeconds, timesRealTime: audioSeconds / wallSeconds };
}
