/**
 * The master stage of every render: the core look-ahead limiter keeps peaks under −1 dBFS and
 * leaves quieter material untouched. Deterministic, as renders must be.
 */
import type { AudioData } from '../../core/audio/audio-data.ts';
import { dbToGain, peakLevel } from '../../core/audio/levels.ts';
import { limit } from '../../core/audio/limiter.ts';

export const MASTER_CEILING_DB = -1;

/** The limited mix; audio already under the ceiling is returned as it is (no copy). */
export function masterOutput(audio: AudioData): AudioData {
  return peakLevel(audio) > dbToGain(MASTER_CEILING_DB) ? limit(audio, { ceilingDb: MASTER_CEILING_DB }) : audio;
}
