/**
 * GM SoundFont export speed against real time, measured in the same run, plus what a GM voice
 * costs to build (in the ML worker in the app) and to hold.
 */
import { benchGmRender } from '../../engine/bench-gm-node.ts';
import type { BenchFigure } from './bench-report.ts';

const GROUP = 'gm';
/** Stable names of the figures (`--json` readers key on them). */
export const GM_EXPORT_FIGURE = 'gmExportRealTimeFactor';
export const GM_VOICE_FIGURE = 'gmVoiceBuildMs';
const TARGET = 20;

export async function benchGm(): Promise<BenchFigure[]> {
  const gm = await benchGmRender({ bars: 30 });
  return [
    {
      group: GROUP,
      name: GM_EXPORT_FIGURE,
      value: gm.timesRealTime,
      unit: `× real time (3 GM SoundFont tracks, ${gm.audioSeconds.toFixed(0)} s song to WAV, Node)`,
      reference: { name: 'real time', value: 1, unit: '×' },
      ratio: gm.timesRealTime,
      target: `≥ ${TARGET}×`,
      met: gm.timesRealTime >= TARGET,
    },
    {
      group: GROUP,
      name: GM_VOICE_FIGURE,
      value: gm.voiceBuildMs,
      unit: `ms per track voice (FluidR3Mono, bank parsed once in ${gm.bankLoadMs.toFixed(0)} ms; ${(gm.voiceBytes / 1e6).toFixed(1)} MB of samples a voice)`,
    },
  ];
}
