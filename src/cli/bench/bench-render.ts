import { benchRender } from '../../engine/render-node.ts';
import type { BenchFigure } from './bench-report.ts';

const TARGET_TIMES_REAL_TIME = 20;

/**
 * Offline render of the 3-track, 60 s bench song; the reference is the same song through
 * Tone.js with one Sampler per track on the web-audio-api polyfill (2 bars: it is slow).
 */
export async function benchRenderSpeed(): Promise<BenchFigure[]> {
  const alea = await benchRender({ bars: 30 });
  const figures: BenchFigure[] = [];
  let reference: { name: string; value: number; unit: string } | undefined;
  try {
    const { benchRenderCandidates } = await import('../../engine/bench-candidates-node.ts');
    const candidates = await benchRenderCandidates({ toneBars: 2 });
    const tone = candidates.find((c) => c.candidate.startsWith('tone-sampler'));
    if (tone) reference = { name: 'Tone.Sampler graph', value: tone.timesRealTime, unit: '× real time' };
  } catch {
    reference = undefined;
  }
  figures.push({
    group: 'render',
    name: `3-track ${alea.audioSeconds.toFixed(0)} s song to WAV (Node)`,
    value: alea.timesRealTime,
    unit: '× real time',
    ...(reference ? { reference, ratio: alea.timesRealTime / reference.value } : {}),
    target: `≥ ${TARGET_TIMES_REAL_TIME}× real time`,
    met: alea.timesRealTime >= TARGET_TIMES_REAL_TIME,
  });
  return figures;
}
