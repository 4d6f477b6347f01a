/** A note set turned into what training and evaluation read: log-mel frames and encoder inputs. */
import { encoderInputSize, type VaeConfig } from './config.ts';
import { encoderInput } from './features.ts';
import { fineFrontEnd, fineLogPowerFrames } from './fine-spectrum.ts';
import { logMelFrames, spectralFrontEnd } from './spectral.ts';

export interface NoteInfo {
  program: number;
  pitch: number;
  velocity: number;
}

export interface NoteFeatures {
  config: VaeConfig;
  notes: NoteInfo[];
  /** frames per note (every note has the same length) */
  frames: number;
  /** [notes, frames, nMels] log mel power */
  logMel: Float32Array;
  /** [notes, encoderInputSize] */
  encoderInputs: Float32Array;
  /** the low bins through the finer FFT (fine-spectrum.ts), when training scores them */
  fine?: FineFeatures;
}

export interface FineFeatures {
  maxHz: number;
  bins: number;
  /** [notes, frames, bins] log power */
  logPower: Float32Array;
}

/**
 * Every note's features; `audio(i)` returns note i's mono samples at config.sampleRate, cut or
 * zero-padded here to the training length (hold + release). With `fineMaxHz`, also the low bins
 * of the finer spectrum up to that frequency.
 */
export function computeNoteFeatures(
  config: VaeConfig,
  notes: NoteInfo[],
  audio: (index: number) => Float32Array,
  onProgress?: (done: number, total: number) => void,
  fineMaxHz?: number,
): NoteFeatures {
  const fe = spectralFrontEnd(config);
  const length = Math.round((config.holdSeconds + config.releaseSeconds) * config.sampleRate);
  const frames = fe.plan.frameCount(length);
  const perNote = frames * config.nMels;
  const logMel = new Float32Array(notes.length * perNote);
  const inputSize = encoderInputSize(config);
  const encoderInputs = new Float32Array(notes.length * inputSize);
  const padded = new Float32Array(length);
  const fineFe = fineMaxHz === undefined ? undefined : fineFrontEnd(config, fineMaxHz);
  const fine = fineFe === undefined || fineMaxHz === undefined ? undefined : { maxHz: fineMaxHz, bins: fineFe.bins, logPower: new Float32Array(notes.length * frames * fineFe.bins) };
  notes.forEach((note, i) => {
    const samples = audio(i);
    padded.fill(0);
    padded.set(samples.subarray(0, length));
    const mel = logMelFrames(fe, padded);
    logMel.set(mel, i * perNote);
    encoderInput(config, mel, note.pitch, encoderInputs, i * inputSize);
    if (fineFe && fine) fine.logPower.set(fineLogPowerFrames(fineFe, padded), i * frames * fine.bins);
    if (onProgress && (i % 256 === 0 || i === notes.length - 1)) onProgress(i + 1, notes.length);
  });
  return { config, notes, frames, logMel, encoderInputs, ...(fine ? { fine } : {}) };
}
