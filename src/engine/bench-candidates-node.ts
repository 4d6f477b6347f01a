/**
 * Measures the render paths considered for export, in Node, on the bench song: the Tone.js graph
 * with PolySynths, the Tone.js graph with one Tone.Sampler per track (both on the web-audio-api
 * polyfill), and the plain-TypeScript renderer Alea uses. The Tone paths are slow, so they render
 * fewer bars; times-real-time is comparable across lengths.
 */
import { audioDuration, type AudioData } from '../core/audio/audio-data.ts';
import { pluginState } from './plugin-lookup.ts';
import { buildBenchProject } from './bench-song.ts';
import type { RenderBench } from './bench.ts';
import { renderProjectMix } from './offline/render-project.ts';
import type { Project } from './project.ts';
import { renderProjectWithToneInNode } from './render-node.ts';

export type RenderCandidate = 'tone-polysynth' | 'tone-sampler' | 'typescript-synths' | 'typescript-samplers';

export const RENDER_CANDIDATES: readonly RenderCandidate[] = ['tone-polysynth', 'tone-sampler', 'typescript-synths', 'typescript-samplers'];

export interface CandidateBench extends RenderBench {
  candidate: RenderCandidate;
  /** what was rendered, in words */
  label: string;
}

function samplersOnly(project: Project): Project {
  const sounds = ['pluck', 'keys', 'bass'];
  return {
    ...project,
    tracks: project.tracks.map((setup, i) => ({
      ...setup,
      instrument: pluginState('sampler', 'instrument', { sound: sounds[i] ?? 'keys' }),
    })),
  };
}

async function time(candidate: RenderCandidate, label: string, render: () => Promise<AudioData>): Promise<CandidateBench> {
  const started = performance.now();
  const audio = await render();
  const wallSeconds = (performance.now() - started) / 1000;
  const audioSeconds = audioDuration(audio);
  return { candidate, label, audioSeconds, wallSeconds, timesRealTime: audioSeconds / wallSeconds };
}

export interface CandidateOptions {
  /** bars of the bench song for the (slow) Tone.js paths; default 2 */
  toneBars?: number;
  /** bars for the TypeScript paths; default 30 (60 s) */
  bars?: number;
  sampleRate?: number;
  /** which to run; default all */
  candidates?: readonly RenderCandidate[];
}

export async function benchRenderCandidates(options: CandidateOptions = {}): Promise<CandidateBench[]> {
  const sampleRate = options.sampleRate ?? 44100;
  const toneBars = options.toneBars ?? 2;
  const bars = options.bars ?? 30;
  const runs: Record<RenderCandidate, () => Promise<CandidateBench>> = {
    'tone-polysynth': () =>
      time('tone-polysynth', `Tone.js PolySynths on web-audio-api, ${toneBars} bars`, () =>
        renderProjectWithToneInNode(buildBenchProject(toneBars), { sampleRate, tailSeconds: 0.6 }),
      ),
    'tone-sampler': () =>
      time('tone-sampler', `Tone.js Samplers on web-audio-api, ${toneBars} bars`, () =>
        renderProjectWithToneInNode(samplersOnly(buildBenchProject(toneBars)), { sampleRate, tailSeconds: 0.6 }),
      ),
    'typescript-synths': () =>
      time('typescript-synths', `TypeScript renderer, 2 synths + sampler, ${bars} bars`, () =>
        renderProjectMix(buildBenchProject(bars), { sampleRate }),
      ),
    'typescript-samplers': () =>
      time('typescript-samplers', `TypeScript renderer, 3 samplers, ${bars} bars`, () =>
        renderProjectMix(samplersOnly(buildBenchProject(bars)), { sampleRate }),
      ),
  };
  const results: CandidateBench[] = [];
  for (const candidate of options.candidates ?? RENDER_CANDIDATES) results.push(await runs[candidate]());
  return results;
}
