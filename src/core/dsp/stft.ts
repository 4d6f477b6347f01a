/**
 * Short-time Fourier transform and its inverse by weighted overlap-add (WOLA):
 *   x̂[n] = Σ_t w[n − tH] · ifft(X_t)[n − tH]  /  Σ_t w²[n − tH]
 * which reconstructs any signal exactly whenever Σ_t w²[n − tH] > 0 (NOLA), so any hop that
 * keeps neighbouring windows overlapping works, not only the COLA hops.
 *
 * Layout: frames are time-major, `re[t]` and `im[t]` hold the nFft/2 + 1 bins of frame t as
 * separate Float32Arrays (split re/im makes magnitude, phase and mel work plain loops).
 * With `center` (default), the signal is padded with nFft/2 zeros on each side and frame t is
 * centred on sample t·hop, as librosa does; there are 1 + ⌊length / hop⌋ frames.
 */
import { badInput } from '../errors.ts';
import { isPowerOfTwo, realFft, type RealFft } from './fft.ts';
import { hann } from './window.ts';

export interface StftOptions {
  /** FFT size, a power of two */
  nFft: number;
  /** samples between frames */
  hop: number;
  /** window length ≤ nFft (default nFft); shorter windows are centred and zero-padded */
  winLength?: number;
  /** analysis/synthesis window of winLength points (default periodic Hann) */
  window?: Float32Array;
  /** pad nFft/2 zeros at each end so frames are centred on multiples of hop (default true) */
  center?: boolean;
}

export interface ComplexFrames {
  re: Float32Array[];
  im: Float32Array[];
}

export interface Spectrogram extends ComplexFrames {
  nFft: number;
  hop: number;
  /** length of the analysed signal, for an exact-length inverse */
  length: number;
}

export class StftPlan {
  readonly nFft: number;
  readonly hop: number;
  readonly bins: number;
  readonly center: boolean;
  /** the window zero-padded to nFft */
  readonly window: Float32Array;
  private readonly fft: RealFft;
  private readonly frame: Float64Array;
  private readonly sumSquares = new Map<number, Float64Array>();

  constructor(options: StftOptions) {
    const { nFft, hop } = options;
    if (!isPowerOfTwo(nFft) || nFft < 4) throw badInput(`STFT size must be a power of two ≥ 4 (got ${nFft})`);
    const winLength = options.window?.length ?? options.winLength ?? nFft;
    if (winLength < 1 || winLength > nFft) throw badInput(`STFT window length ${winLength} must be 1..${nFft}`);
    if (!Number.isInteger(hop) || hop < 1) throw badInput(`STFT hop must be a positive whole number (got ${hop})`);
    this.nFft = nFft;
    this.hop = hop;
    this.bins = nFft / 2 + 1;
    this.center = options.center ?? true;
    this.window = new Float32Array(nFft);
    this.window.set(options.window ?? hann(winLength), Math.floor((nFft - winLength) / 2));
    this.fft = realFft(nFft);
    this.frame = new Float64Array(nFft);
    checkNola(this.window, hop);
  }

  /** Number of frames for a signal of `length` samples. */
  frameCount(length: number): number {
    if (this.center) return 1 + Math.floor(length / this.hop);
    return length < this.nFft ? 0 : 1 + Math.floor((length - this.nFft) / this.hop);
  }

  /** Default signal length for `frames` frames when the original length is unknown. */
  lengthFor(frames: number): number {
    return this.center ? (frames - 1) * this.hop : this.nFft + (frames - 1) * this.hop;
  }

  forward(signal: Float32Array): Spectrogram {
    const { nFft, hop, bins, window, frame } = this;
    const pad = this.center ? nFft / 2 : 0;
    const frames = this.frameCount(signal.length);
    const re: Float32Array[] = [];
    const im: Float32Array[] = [];
    for (let t = 0; t < frames; t++) {
      const start = t * hop - pad;
      for (let i = 0; i < nFft; i++) {
        const n = start + i;
        frame[i] = n >= 0 && n < signal.length ? signal[n] * window[i] : 0;
      }
      const frameRe = new Float32Array(bins);
      const frameIm = new Float32Array(bins);
      this.fft.forward(frame, frameRe, frameIm);
      re.push(frameRe);
      im.push(frameIm);
    }
    return { re, im, nFft, hop, length: signal.length };
  }

  /** Inverse STFT by weighted overlap-add; `length` defaults to the spectrogram's or lengthFor(frames). */
  inverse(spectrum: ComplexFrames & { length?: number }, length?: number): Float32Array {
    const { nFft, hop, window, frame } = this;
    const frames = spectrum.re.length;
    const outLength = length ?? spectrum.length ?? this.lengthFor(frames);
    const pad = this.center ? nFft / 2 : 0;
    const span = frames === 0 ? 0 : nFft + (frames - 1) * hop;
    const sum = new Float64Array(span);
    for (let t = 0; t < frames; t++) {
      if (spectrum.re[t].length !== this.bins || spectrum.im[t].length !== this.bins) {
        throw badInput(`STFT frame ${t} has ${spectrum.re[t].length} bins, expected ${this.bins}`);
      }
      this.fft.inverse(spectrum.re[t], spectrum.im[t], frame);
      const offset = t * hop;
      for (let i = 0; i < nFft; i++) sum[offset + i] += frame[i] * window[i];
    }
    const norm = this.windowSumSquares(frames);
    const out = new Float32Array(outLength);
    const end = Math.min(outLength, span - pad);
    for (let n = 0; n < end; n++) {
      const d = norm[n + pad];
      // Where no window reaches (uncentred edges), the sample cannot be recovered: leave it 0.
      out[n] = d > 1e-10 ? sum[n + pad] / d : 0;
    }
    return out;
  }

  private windowSumSquares(frames: number): Float64Array {
    let norm = this.sumSquares.get(frames);
    if (norm === undefined) {
      norm = new Float64Array(frames === 0 ? 0 : this.nFft + (frames - 1) * this.hop);
      for (let t = 0; t < frames; t++) {
        const offset = t * this.hop;
        for (let i = 0; i < this.nFft; i++) norm[offset + i] += this.window[i] * this.window[i];
      }
      this.sumSquares.set(frames, norm);
    }
    return norm;
  }
}

/** Refuses hops that leave samples no window covers (the inverse would be undefined there). */
function checkNola(window: Float32Array, hop: number): void {
  let peak = 0;
  for (const w of window) peak = Math.max(peak, w * w);
  for (let r = 0; r < hop; r++) {
    let total = 0;
    for (let i = r; i < window.length; i += hop) total += window[i] * window[i];
    if (total <= peak * 1e-8) {
      throw badInput(`STFT hop ${hop} leaves gaps between windows of ${window.length} samples (no overlap-add inverse)`);
    }
  }
}

export function stft(signal: Float32Array, options: StftOptions): Spectrogram {
  return new StftPlan(options).forward(signal);
}

export function istft(spectrum: ComplexFrames & { length?: number }, options: StftOptions, length?: number): Float32Array {
  return new StftPlan(options).inverse(spectrum, length);
}

/** |X| per frame and bin. */
export function stftMagnitudes(spectrum: ComplexFrames): Float32Array[] {
  return spectrum.re.map((re, t) => {
    const im = spectrum.im[t];
    const out = new Float32Array(re.length);
    for (let k = 0; k < re.length; k++) out[k] = Math.sqrt(re[k] * re[k] + im[k] * im[k]);
    return out;
  });
}
