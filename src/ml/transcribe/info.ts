/**
 * What is known about the transcription model without loading tfjs: its name and weight hash
 * for provenance. The workstation's page imports this (tfjs stays in the ML worker).
 */
import type { ModelRef, Provenance } from '../../core/provenance.ts';

export const BASIC_PITCH_VERSION = '1.0.1';
/** sha256 of the shipped weight file (group1-shard1of1.bin of @spotify/basic-pitch 1.0.1), checked on load. */
export const BASIC_PITCH_WEIGHTS_SHA256 = 'b142a95737a52e1e412d5f92e73d8bb80dfe8d04941acc0702f11f4524fb377c';
/** The model as provenance names it: the short weight hash, like Alea's own model folders'. */
export const BASIC_PITCH_REF: ModelRef = { name: `basic-pitch ${BASIC_PITCH_VERSION}`, sha256: BASIC_PITCH_WEIGHTS_SHA256.slice(0, 12) };

/** Provenance params saying the seed was transcribed from audio, and with which model. */
export function transcribedSeedParams(model: ModelRef = BASIC_PITCH_REF): Record<string, string> {
  return { seedTranscribedWith: model.name, seedTranscriptionSha256: model.sha256 };
}

/** `provenance` with the transcription's params added (a continuation of a transcribed seed). */
export function withTranscribedSeed(provenance: Provenance, model: ModelRef = BASIC_PITCH_REF): Provenance {
  return { ...provenance, params: { ...provenance.params, ...transcribedSeedParams(model) } };
}
