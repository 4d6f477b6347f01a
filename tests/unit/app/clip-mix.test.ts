import { describe, expect, it } from 'vitest';
import { mixClips } from '../../../src/app/lib/clip-mix.ts';

const ones = (n: number): Float32Array => new Float32Array(n).fill(1);

describe('mixClips', () => {
  it('adds an audible clip at unity gain, centre-panned mono at −3 dB per side', () => {
    const base = { sampleRate: 100, channels: [new Float32Array(4), new Float32Array(4)] };
    const mix = mixClips(base, [{ audio: { sampleRate: 100, channels: [ones(4)] }, volumeDb: 0, pan: 0, audible: true }]);
    expect(mix.channels[0][0]).toBeCloseTo(Math.SQRT1_2, 5);
    expect(mix.channels[1][0]).toBeCloseTo(Math.SQRT1_2, 5);
  });

  it('leaves out clips that are not audible, and keeps the render as it was', () => {
    const base = { sampleRate: 100, channels: [ones(3), ones(3)] };
    const mix = mixClips(base, [{ audio: { sampleRate: 100, channels: [ones(10)] }, volumeDb: 0, pan: 0, audible: false }]);
    expect(mix.channels[0]).toHaveLength(3);
    expect(Array.from(mix.channels[1])).toEqual([1, 1, 1]);
  });

  it('lengthens the mix to the longest clip and pans a stereo clip hard left', () => {
    const base = { sampleRate: 100, channels: [new Float32Array(2), new Float32Array(2)] };
    const clip = { sampleRate: 100, channels: [ones(5), ones(5).fill(0.5)] };
    const mix = mixClips(base, [{ audio: clip, volumeDb: -6.0206, pan: -1, audible: true }]);
    expect(mix.channels[0]).toHaveLength(5);
    // hard left: the right channel folds into the left, nothing stays on the right
    expect(mix.channels[0][4]).toBeCloseTo(0.5 * 1.5, 3);
    expect(mix.channels[1][4]).toBeCloseTo(0, 6);
  });
});
