/**
 * The mixer's two rules, written once: which tracks are heard (mute and solo) and how a strip's
 * pan splits a signal between left and right. The offline renderer, the live Tone.js mixer and
 * the app all call these; nothing else decides either.
 */

/** What the audibility rule reads from a strip. */
export interface MuteSolo {
  mute: boolean;
  solo: boolean;
}

/**
 * Which tracks sound: with any track soloed only soloed tracks do; a muted track never does
 * (mute wins over solo, as on a mixing desk where mute cuts the channel after the solo bus).
 */
export function audibleStrips(strips: readonly MuteSolo[]): boolean[] {
  const anySolo = strips.some((s) => s.solo);
  return strips.map((s) => !s.mute && (!anySolo || s.solo));
}

/**
 * The pan law of a Web Audio StereoPannerNode (what Tone.Channel pans with) for a mono source:
 * equal power, so centre is −3 dB per side and hard left leaves the right channel silent.
 */
export function monoPanGains(pan: number): [left: number, right: number] {
  const x = ((clampPan(pan) + 1) / 2) * (Math.PI / 2);
  return [Math.cos(x), Math.sin(x)];
}

/** How a stereo source's two channels feed the output's two under a pan (Web Audio spec). */
export interface StereoPanMatrix {
  leftToLeft: number;
  rightToLeft: number;
  leftToRight: number;
  rightToRight: number;
}

/**
 * The same StereoPannerNode law for a stereo source: centre leaves it as it is; panning left
 * keeps the left channel and folds the right one into it with equal power (and the reverse).
 */
export function stereoPanMatrix(pan: number): StereoPanMatrix {
  const p = clampPan(pan);
  const x = (p <= 0 ? p + 1 : p) * (Math.PI / 2);
  const [near, far] = [Math.cos(x), Math.sin(x)];
  return p <= 0
    ? { leftToLeft: 1, rightToLeft: near, leftToRight: 0, rightToRight: far }
    : { leftToLeft: near, rightToLeft: 0, leftToRight: far, rightToRight: 1 };
}

function clampPan(pan: number): number {
  return Math.min(1, Math.max(-1, pan));
}

/**
 * Adds a mono or stereo signal into a stereo bus through a strip: `gain` (fader × master, linear)
 * then the pan law above. `from`..`from + source length` of the bus receives it.
 */
export function addPanned(bus: [Float32Array, Float32Array], source: readonly Float32Array[], pan: number, gain: number, from = 0): void {
  const [left, right] = bus;
  const inL = source[0];
  const inR = source[1];
  if (inL === undefined || gain === 0) return;
  const n = Math.min(inL.length, left.length - from);
  if (inR === undefined) {
    const [gl, gr] = monoPanGains(pan);
    const [a, b] = [gl * gain, gr * gain];
    for (let i = 0; i < n; i++) {
      left[from + i] += inL[i] * a;
      right[from + i] += inL[i] * b;
    }
    return;
  }
  const m = stereoPanMatrix(pan);
  const [ll, rl, lr, rr] = [m.leftToLeft * gain, m.rightToLeft * gain, m.leftToRight * gain, m.rightToRight * gain];
  for (let i = 0; i < n; i++) {
    const l = inL[i];
    const r = inR[i];
    left[from + i] += l * ll + r * rl;
    right[from + i] += l * lr + r * rr;
  }
}
