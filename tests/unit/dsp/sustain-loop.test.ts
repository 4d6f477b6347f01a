import { describe, expect, it } from 'vitest';
import { midiToHz } from '../../../src/core/dsp/pitch.ts';
import { addSustainLoop, bakeLoopCrossfade, findSustainLoop } from '../../../src/core/dsp/sustain-loop.ts';

const SR = 16000;

/** A held note: harmonics of `pitch` with a slow chorus beat, level × `envelope(seconds)`, plus a little noise. */
function note(pitch: number, seconds: number, envelope: (t: number) => number = () => 1): Float32Array {
  let seed = 5;
  const noise = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.01;
  return Float32Array.from({ length: Math.round(seconds * SR) }, (_, i) => {
    const t = i / SR;
    let v = 0;
    for (let k = 1; k <= 6; k++) v += (0.3 / k) * Math.sin(2 * Math.PI * k * midiToHz(pitch) * t * (1 + 0.0004 * Math.sin(2 * Math.PI * 0.7 * t)));
    return v * envelope(t) + noise();
  });
}

/** Largest step between neighbouring samples in [from, to). */
function largestStep(samples: Float32Array, from: number, to: number): number {
  let step = 0;
  for (let i = from + 1; i < to; i++) step = Math.max(step, Math.abs(samples[i] - samples[i - 1]));
  return step;
}

describe('sustain loops', () => {
  it('a sustained note gets a loop of about 0.4 s that ends before the release', () => {
    const samples = note(57, 2);
    const loop = findSustainLoop(samples, SR, { pitch: 57, heldFrames: 1.5 * SR });
    expect(loop).not.toBeNull();
    if (loop === null) return;
    expect(loop.end).toBeLessThanOrEqual(1.5 * SR - 0.05 * SR);
    expect(loop.end).toBeGreaterThan(1.3 * SR);
    expect((loop.end - loop.start) / SR).toBeGreaterThan(0.24);
    expect((loop.end - loop.start) / SR).toBeLessThan(0.56);
  });

  it('the search alone finds a start where the wave goes on as it would after the end', () => {
    /** RMS of (what plays after the wrap − what followed the end), relative to the wave's RMS. */
    const continuation = (samples: Float32Array, start: number, end: number): number => {
      let difference = 0;
      let energy = 0;
      for (let i = 0; i < 192; i++) {
        difference += (samples[start + i] - samples[end + i]) ** 2;
        energy += samples[end + i] ** 2;
      }
      return Math.sqrt(difference / energy);
    };
    for (const pitch of [45, 62, 79]) {
      const samples = note(pitch, 2);
      const loop = findSustainLoop(samples, SR, { pitch, heldFrames: 1.5 * SR });
      if (loop === null) throw new Error('expected a loop');
      expect(continuation(samples, loop.start, loop.end)).toBeLessThan(0.1);
      // a start half a period away plays the wave upside down
      expect(continuation(samples, loop.start + Math.round(SR / midiToHz(pitch) / 2), loop.end)).toBeGreaterThan(0.5);
    }
  });

  it('the crossfade ends on the sample just before the start, over at most half the loop', () => {
    const samples = note(60, 1);
    const original = samples.slice();
    bakeLoopCrossfade(samples, SR, { start: 4000, end: 4100 });
    expect(samples[4099]).toBe(original[3999]);
    expect(samples.subarray(0, 4050)).toEqual(original.subarray(0, 4050));
    expect(samples[4050]).not.toBe(original[4050]);
    expect(samples[4050]).toBeCloseTo(original[4050] * (1 - 1 / 50) + original[3950] / 50, 6);
    expect(samples.subarray(4100)).toEqual(original.subarray(4100));
  });

  it('the wrap from the end back to the start is seamless once the crossfade is baked in', () => {
    const samples = note(45, 2);
    const original = samples.slice();
    const loop = addSustainLoop(samples, SR, { pitch: 45, heldFrames: 1.5 * SR });
    if (loop === null) throw new Error('expected a loop');
    // playing through the wrap: the loop's last samples, then its first
    const wrapped = Float32Array.from([...samples.subarray(loop.end - 200, loop.end), ...samples.subarray(loop.start, loop.start + 200)]);
    const typical = largestStep(original, SR / 2, SR);
    expect(largestStep(wrapped, 0, wrapped.length)).toBeLessThan(typical * 1.2);
    // the audio before the crossfade is untouched, and the crossfade changed something
    expect(samples.subarray(0, loop.end - 0.06 * SR)).toEqual(original.subarray(0, loop.end - 0.06 * SR));
    expect(samples.subarray(loop.end - 100, loop.end)).not.toEqual(original.subarray(loop.end - 100, loop.end));
  });

  it('a note that decays away, a hold too short, or silence gets no loop (and is left as it is)', () => {
    const piano = note(60, 2, (t) => Math.exp(-t * 2)); // 26 dB down by 1.5 s
    const before = piano.slice();
    expect(addSustainLoop(piano, SR, { pitch: 60, heldFrames: 1.5 * SR })).toBeNull();
    expect(piano).toEqual(before);
    expect(findSustainLoop(note(60, 1), SR, { pitch: 60, heldFrames: 0.5 * SR })).toBeNull();
    expect(findSustainLoop(new Float32Array(2 * SR), SR, { pitch: 60, heldFrames: 1.5 * SR })).toBeNull();
  });

  it('a slowly fading note (organ-like, under 12 dB down) still loops', () => {
    const samples = note(72, 2, (t) => Math.exp(-t * 0.5));
    expect(findSustainLoop(samples, SR, { pitch: 72, heldFrames: 1.5 * SR })).not.toBeNull();
  });
});
