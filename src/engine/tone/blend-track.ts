/**
 * An audio track with a dry/wet blend, played live: the original clips and their processed
 * version (a Remix) each as a clip track, crossfaded by two gains into one output. Moving the mix
 * ramps the gains over a few milliseconds (no zipper noise, no click), so strength and A/B change
 * what plays while the transport runs, with no model run. Same gains as the offline render
 * (track-blend.ts `blendGains`).
 */
import * as Tone from 'tone';
import type { PlacedClip } from '../audio-clips.ts';
import { blendGains } from '../track-blend.ts';
import { ToneClipTrack } from './clip-track.ts';

/** Seconds a change of the mix takes to ramp in. */
export const BLEND_RAMP_SECONDS = 0.02;

export class ToneBlendTrack {
  readonly output: Tone.Gain;
  readonly dry: ToneClipTrack;
  readonly wet: ToneClipTrack;
  private current: number;

  /** `parts` placed at the context's sample rate; `share` of wet to start with. */
  constructor(parts: { dry: readonly PlacedClip[]; wet: readonly PlacedClip[] }, share: number) {
    this.output = new Tone.Gain(1);
    this.dry = new ToneClipTrack(parts.dry);
    this.wet = new ToneClipTrack(parts.wet);
    this.current = share;
    const gains = blendGains(share);
    this.dry.output.gain.value = gains.dry;
    this.wet.output.gain.value = gains.wet;
    this.dry.output.connect(this.output);
    this.wet.output.connect(this.output);
  }

  /** The share of wet now heard (or being ramped to). */
  get share(): number {
    return this.current;
  }

  /** Moves the mix to `share` of wet, ramping from where it is (at context time `time`, default now). */
  setShare(share: number, time?: number): void {
    this.current = share;
    const gains = blendGains(share);
    this.dry.output.gain.rampTo(gains.dry, BLEND_RAMP_SECONDS, time);
    this.wet.output.gain.rampTo(gains.wet, BLEND_RAMP_SECONDS, time);
  }

  dispose(): void {
    this.dry.dispose();
    this.wet.dispose();
    this.output.dispose();
  }
}
