/**
 * The timbre VAE's figures on a note set (ideally one from a SoundFont it never heard):
 * reconstruction distances against the mean-spectrum baseline, pitch accuracy, morph
 * smoothness against a plain crossfade, and speed. Pure computation: the caller loads files.
 */
import { loudnessNormalise, logMelMean, logSpectralDistance, logSpectralDistanceDb, melDb, morphSmoothness, multiScaleSpectralDistance } from '../../core/dsp/audio-metrics.ts';
import { detectPitch } from '../../core/dsp/pitch.ts';
import { createRng } from '../runtime/rng.ts';
import { morphLatent } from './latent-math.ts';
import type { TimbreVae } from './timbre-vae.ts';

export interface EvalNote {
  samples: Float32Array;
  pitch: number;
  velocity: number;
  program: number;
}

export interface VaeEvalOptions {
  /** seeds the morph pairs */
  seed: number;
  morphPairs: number;
  morphSteps: number;
  onProgress?: (done: number, total: number) => void;
}

export interface VaeFigures {
  lsd: number;
  lsdBaselineMean: number;
  mss: number;
  spectralConvergence?: number;
  /** decoded pitch = requested, over the notes whose original reads as the requested pitch */
  pitchAccuracy: number;
  /** decoded pitch = requested, over every note */
  pitchAccuracyAll: number;
  pitchScoredNotes: number;
  /** along straight lines between the latents */
  morphJumpRatio: number;
  /** along great circles (slerp) between the same latents */
  morphJumpRatioSpherical: number;
  crossfadeJumpRatio: number;
  morphPathEfficiency: number;
  crossfadePathEfficiency: number;
  realTimeFactor: number;
  notes: number;
  morphPairsEvaluated: number;
}

/**
 * `notes`: the notes to reconstruct. `baseline`: notes whose mean spectrum at each pitch is the
 * baseline (the training set's; when a pitch is missing there, the nearest pitch is used).
 */
export function evaluateVae(vae: TimbreVae, notes: EvalNote[], baseline: EvalNote[], options: VaeEvalOptions): VaeFigures {
  if (notes.length === 0) throw new RangeError('no notes to evaluate');
  const sr = vae.config.sampleRate;
  const hold = vae.config.holdSeconds;
  const baselineByPitch = meanMelDbByPitch(baseline, sr);
  let lsd = 0;
  let lsdBase = 0;
  let mss = 0;
  let pitchHits = 0;
  let pitchScored = 0;
  let pitchHitsAll = 0;
  let renderSeconds = 0;
  let audioSeconds = 0;
  const encoded = vae.encodeMany(notes.map((n) => ({ samples: n.samples, pitch: n.pitch })));
  notes.forEach((note, i) => {
    const began = performance.now();
    const out = vae.render(encoded[i].mu, { pitch: note.pitch, velocity: note.velocity, holdSeconds: hold, seed: i });
    renderSeconds += (performance.now() - began) / 1000;
    audioSeconds += out.length / sr;
    lsd += logSpectralDistance(note.samples, out, sr);
    mss += multiScaleSpectralDistance(note.samples, out);
    const reference = nearestPitch(baselineByPitch, note.pitch);
    lsdBase += logSpectralDistanceDb(melDb(loudnessNormalise(note.samples.subarray(0, out.length)), sr), reference);
    // Scored only where the original itself reads as the requested pitch: some GM sounds do not
    // (organs with sub-octave stops, fifths leads, effects), and no decoder should copy that.
    const original = detectPitch(note.samples, sr);
    const detected = detectPitch(out, sr);
    const hit = detected !== null && detected.midi === note.pitch;
    if (hit) pitchHitsAll++;
    if (original !== null && original.midi === note.pitch) {
      pitchScored++;
      if (hit) pitchHits++;
    }
    options.onProgress?.(i + 1, notes.length + options.morphPairs);
  });
  const morph = morphFigures(vae, notes, encoded.map((e) => e.mu), options);
  return {
    lsd: lsd / notes.length,
    lsdBaselineMean: lsdBase / notes.length,
    mss: mss / notes.length,
    pitchAccuracy: pitchScored === 0 ? Number.NaN : pitchHits / pitchScored,
    pitchAccuracyAll: pitchHitsAll / notes.length,
    pitchScoredNotes: pitchScored,
    ...morph,
    realTimeFactor: audioSeconds / Math.max(renderSeconds, 1e-9),
    notes: notes.length,
  };
}

/** Pairs of different instruments at the same pitch and velocity, morphed in `morphSteps` steps. */
function morphFigures(vae: TimbreVae, notes: EvalNote[], latents: Float32Array[], options: VaeEvalOptions): Pick<VaeFigures, 'morphJumpRatio' | 'morphJumpRatioSpherical' | 'crossfadeJumpRatio' | 'morphPathEfficiency' | 'crossfadePathEfficiency' | 'morphPairsEvaluated'> {
  const sr = vae.config.sampleRate;
  const rng = createRng(`vae-eval-morph:${options.seed}`);
  const byKey = new Map<string, number[]>();
  notes.forEach((n, i) => {
    const key = `${n.pitch}/${n.velocity}`;
    byKey.set(key, [...(byKey.get(key) ?? []), i]);
  });
  const groups = [...byKey.values()].filter((g) => new Set(g.map((i) => notes[i].program)).size >= 2);
  let morphJump = 0;
  let sphericalJump = 0;
  let fadeJump = 0;
  let morphEff = 0;
  let fadeEff = 0;
  let pairs = 0;
  for (let p = 0; p < options.morphPairs && groups.length > 0; p++) {
    const group = groups[rng.int(groups.length)];
    const a = group[rng.int(group.length)];
    let b = group[rng.int(group.length)];
    for (let tries = 0; notes[b].program === notes[a].program && tries < 20; tries++) b = group[rng.int(group.length)];
    if (notes[b].program === notes[a].program) continue;
    const { pitch, velocity } = notes[a];
    const morphFeatures: Float32Array[] = [];
    const sphericalFeatures: Float32Array[] = [];
    const fadeFeatures: Float32Array[] = [];
    const sa = loudnessNormalise(notes[a].samples);
    const sb = loudnessNormalise(notes[b].samples);
    for (let k = 0; k < options.morphSteps; k++) {
      const t = k / (options.morphSteps - 1);
      const z = morphLatent(latents[a], latents[b], t);
      morphFeatures.push(logMelMean(vae.render(z, { pitch, velocity, holdSeconds: vae.config.holdSeconds, seed: k }), sr));
      const zs = morphLatent(latents[a], latents[b], t, 'spherical');
      sphericalFeatures.push(logMelMean(vae.render(zs, { pitch, velocity, holdSeconds: vae.config.holdSeconds, seed: k }), sr));
      const mix = new Float32Array(Math.min(sa.length, sb.length));
      for (let n = 0; n < mix.length; n++) mix[n] = (1 - t) * sa[n] + t * sb[n];
      fadeFeatures.push(logMelMean(mix, sr));
    }
    const m = morphSmoothness(morphFeatures);
    const f = morphSmoothness(fadeFeatures);
    morphJump += m.jumpRatio;
    sphericalJump += morphSmoothness(sphericalFeatures).jumpRatio;
    fadeJump += f.jumpRatio;
    morphEff += m.pathEfficiency;
    fadeEff += f.pathEfficiency;
    pairs++;
    options.onProgress?.(notes.length + p + 1, notes.length + options.morphPairs);
  }
  const mean = (x: number): number => (pairs === 0 ? Number.NaN : x / pairs);
  return {
    morphJumpRatio: mean(morphJump),
    morphJumpRatioSpherical: mean(sphericalJump),
    crossfadeJumpRatio: mean(fadeJump),
    morphPathEfficiency: mean(morphEff),
    crossfadePathEfficiency: mean(fadeEff),
    morphPairsEvaluated: pairs,
  };
}

/** Per pitch, the mean (in magnitude) of loudness-normalised notes' mel frames, back in dB. */
function meanMelDbByPitch(notes: EvalNote[], sampleRate: number): Map<number, Float32Array[]> {
  const sums = new Map<number, { frames: Float64Array[]; count: number }>();
  for (const note of notes) {
    const frames = melDb(loudnessNormalise(note.samples), sampleRate);
    let entry = sums.get(note.pitch);
    if (entry === undefined) {
      entry = { frames: frames.map((f) => new Float64Array(f.length)), count: 0 };
      sums.set(note.pitch, entry);
    }
    const n = Math.min(entry.frames.length, frames.length);
    for (let t = 0; t < n; t++) for (let m = 0; m < frames[t].length; m++) entry.frames[t][m] += 10 ** (frames[t][m] / 20);
    entry.count++;
  }
  const out = new Map<number, Float32Array[]>();
  for (const [pitch, { frames, count }] of sums) {
    out.set(pitch, frames.map((f) => Float32Array.from(f, (v) => 20 * Math.log10(v / count + 1e-8))));
  }
  return out;
}

function nearestPitch(byPitch: Map<number, Float32Array[]>, pitch: number): Float32Array[] {
  let best: Float32Array[] = [];
  let bestDistance = Infinity;
  for (const [p, frames] of byPitch) {
    const d = Math.abs(p - pitch);
    if (d < bestDistance) {
      bestDistance = d;
      best = frames;
    }
  }
  return best;
}
