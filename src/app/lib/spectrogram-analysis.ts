/**
 * A clip's spectrogram as levels 0..255 per frame and log-frequency row, computed chunk by chunk
 * so that any length of audio runs in bounded memory and shows while it is computed:
 * STFT (core's StftPlan, Hann window), power per row of the log axis, dB against a full-scale
 * sine, then levels between a fixed floor (level 0) and 0 dBFS (level 255). A fixed floor, not
 * one relative to the clip's loudest frame, so silence always looks like silence and two clips
 * compare by eye.
 */
import { badInput } from '../../core/errors.ts';
import { StftPlan } from '../../core/dsp/stft.ts';
import { rowSources, type LogAxis, type RowSource } from './log-frequency.ts';

export const FLOOR_DB = -100;
/** frames per chunk: ~5.5 s at 48 kHz (hop 512); a chunk's analysis takes a few tens of ms in the worker */
export const CHUNK_FRAMES = 512;

export interface SpectrogramSettings {
  sampleRate: number;
  nFft: number;
  hop: number;
  axis: LogAxis;
}

/** 4096-point frames at 44.1/48 kHz (10.7–11.7 Hz bins, enough for the bass octave), hop nFft/8. */
export function spectrogramSettings(sampleRate: number, rows = 160): SpectrogramSettings {
  const nFft = sampleRate > 32000 ? 4096 : 2048;
  return { sampleRate, nFft, hop: nFft / 8, axis: { minHz: 20, maxHz: Math.min(20000, sampleRate / 2), rows } };
}

/** Frames centred on multiples of hop over the whole clip (as StftPlan's centred frames). */
export function frameTotal(length: number, hop: number): number {
  return length === 0 ? 0 : 1 + Math.floor(length / hop);
}

/** One chunk: `frames` frames from `firstFrame`, needing samples [fromSample, toSample) of the clip. */
export interface SpectrogramChunk {
  firstFrame: number;
  frames: number;
  fromSample: number;
  toSample: number;
}

/** The clip's chunks in order, each at most `maxFrames` frames (and so a bounded number of samples). */
export function chunkPlan(length: number, settings: SpectrogramSettings, maxFrames = CHUNK_FRAMES): SpectrogramChunk[] {
  const { nFft, hop } = settings;
  const total = frameTotal(length, hop);
  const chunks: SpectrogramChunk[] = [];
  for (let first = 0; first < total; first += maxFrames) {
    const frames = Math.min(maxFrames, total - first);
    const fromSample = Math.max(0, first * hop - nFft / 2);
    const toSample = Math.min(length, (first + frames - 1) * hop + nFft / 2);
    chunks.push({ firstFrame: first, frames, fromSample, toSample: Math.max(fromSample, toSample) });
  }
  return chunks;
}

/** Refuses NaN and infinite samples with a line naming the clip, the channel and the sample. */
export function checkFinite(channels: readonly Float32Array[], fromSample: number, clipName: string): void {
  channels.forEach((channel, c) => {
    for (let i = 0; i < channel.length; i++) {
      if (!Number.isFinite(channel[i])) {
        throw badInput(`sample ${fromSample + i} of channel ${c + 1} is ${channel[i]}: the spectrogram needs finite samples`, clipName);
      }
    }
  });
}

/** Analyses chunks of one clip; keeps its STFT plan and row mapping between chunks. */
export class SpectrogramAnalyser {
  readonly settings: SpectrogramSettings;
  private readonly plan: StftPlan;
  private readonly sources: RowSource[];
  /** power of a full-scale sine's peak bin: 0 dB */
  private readonly refPower: number;
  private readonly power: Float32Array;

  constructor(settings: SpectrogramSettings) {
    this.settings = settings;
    this.plan = new StftPlan({ nFft: settings.nFft, hop: settings.hop, center: false });
    this.sources = rowSources(settings.axis, settings.nFft, settings.sampleRate);
    let windowSum = 0;
    for (const w of this.plan.window) windowSum += w;
    this.refPower = (windowSum / 2) ** 2;
    this.power = new Float32Array(this.plan.bins);
  }

  /**
   * Levels of `chunk` (frames × rows, row 0 the lowest band) from the clip's samples
   * [chunk.fromSample, chunk.toSample) given per channel; outside the clip counts as silence.
   */
  analyse(channels: readonly Float32Array[], chunk: SpectrogramChunk, clipName: string): Uint8Array {
    checkFinite(channels, chunk.fromSample, clipName);
    const { nFft, hop, axis } = this.settings;
    // the mono mix of the span the chunk's frames cover, zero outside the clip
    const start = chunk.firstFrame * hop - nFft / 2;
    const mono = new Float32Array((chunk.frames - 1) * hop + nFft);
    const gain = 1 / Math.max(1, channels.length);
    for (const channel of channels) {
      const offset = chunk.fromSample - start;
      for (let i = 0; i < channel.length; i++) mono[offset + i] += channel[i] * gain;
    }
    const spectrum = this.plan.forward(mono);
    const out = new Uint8Array(chunk.frames * axis.rows);
    for (let t = 0; t < chunk.frames; t++) {
      const re = spectrum.re[t];
      const im = spectrum.im[t];
      for (let k = 0; k < re.length; k++) this.power[k] = re[k] * re[k] + im[k] * im[k];
      for (let row = 0; row < axis.rows; row++) out[t * axis.rows + row] = this.level(this.rowPower(row));
    }
    return out;
  }

  private rowPower(row: number): number {
    const source = this.sources[row];
    if (source.kind === 'between') {
      const p = this.power;
      return p[source.bin] + (p[source.bin + 1] - p[source.bin]) * source.frac;
    }
    // the loudest bin, so a pure tone keeps its level in wide high rows
    let peak = 0;
    for (let k = source.from; k < source.to; k++) if (this.power[k] > peak) peak = this.power[k];
    return peak;
  }

  private level(power: number): number {
    const db = 10 * Math.log10(power / this.refPower);
    if (!(db > FLOOR_DB)) return 0; // silence (−∞ dB) and anything under the floor
    return Math.min(255, Math.round(((db - FLOOR_DB) / -FLOOR_DB) * 255));
  }
}
