/**
 * Measures the render paths considered for export, in Node, on the bench song: the Tone.js graph
 * with PolySynths, the Tone.js graph with one Tone.Sampler per track (both on the web-audio-api
 * polyfill), and the plain-TypeScript renderer Alea uses. The Tone paths are slow, so they render
 * fewer bars; times-real-time is comparable across lengths.
 */
import { audioDuration, type AudioData } from '../core/audio/audio-data.ts';
import { defaultParams } from '../plugins/params.ts';
import { samplerDescriptor } from '../plugins/builtin/sampler.ts';
import { buildBenchProject } from './bench-song.ts';
import type { RenderBench } from './bench.ts';
import { renderProjectMix } from './offline/render-project.ts';
import type { Project } from './project.ts';
import { renderProjectWithToneInNode } from './render-node.ts';

export interface CandidateBench extends RenderBench {
  candidate: string;
}

function samplersOnly(project: Project): Project {
  const sounds = ['pluck', 'keys', 'bass'];
  return {
    ...project,
    tracks: project.tracks.map((setup, i) => ({
      ...setup,
      instrument: { plugin: 'sampler', params: { ...defaultParams(samplerDescriptor.params), sound: sounds[i] ?? 'keys' } },
    })),
  };
}

async function time(candidate: string, render: () => Promise<AudioData>): Promise<CandidateBench> {
  const started = performance.now();
  const audio = await render();
  const wallSeconds = (performance.now() - started) / 1000;
  const audioSeconds = audioDuration(audio);
  return { candidate, audioSeconds, wallSeconds, timesRealTime: audioSeconds / wallSeconds };
}

export async function benchRenderCandidates(options: { toneBars?: number; sampleRate?: number } = {}): Promise<CandidateBench[]> {
  const sampleRate = options.sampleRate ?? 44100;
  const toneBars = options.toneBars ?? 2;
  const synths = buildBenchProject(toneBars);
  const samplers = samplersOnly(buildBenchProject(toneBars));
  return [
    await time('tone-polysynth (web-audio-api)', () => renderProjectWithToneInNode(synths, { sampleRate, tailSeconds: 0.6 })),
    await time('tone-sampler (web-audio-api)', () => renderProjectWithToneInNode(samplers, { sampleRate, tailSeconds: 0.6 })),
    await time('typescript mix: synths', () => renderProjectMix(buildBenchProject(30), { sampleRate })),
    await time('typescript mix: samplers', () => renderProjectMix(samplersOnly(buildBenchProject(30)), { sampleRate })),
  ];
}
