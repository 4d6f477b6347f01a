import type { AudioData } from '../../core/audio/audio-data.ts';
import { dbToGain } from '../../core/audio/levels.ts';
import { resample } from '../../core/audio/resample.ts';

/** An imported audio clip as the mix sees it: placed at the song start, through its strip. */
export interface ClipMixInput {
  audio: AudioData;
  volumeDb: number;
  pan: number;
  /** false when muted, or when another track is soloed */
  audible: boolean;
}

/**
 * Left/right gains of a StereoPannerNode (what Tone.Channel pans with), per the Web Audio spec:
 * a mono source is panned equal-power; a stereo source keeps the near side and folds the far one.
 */
function panStereo(left: number, right: number, pan: number): [number, number] {
  const p = Math.min(1, Math.max(-1, pan));
  const x = (p <= 0 ? p + 1 : p) * (Math.PI / 2);
  const gainL = Math.cos(x);
  const gainR = Math.sin(x);
  return p <= 0 ? [left + right * gainL, right * gainR] : [left * gainL, right + left * gainR];
}

/**
 * Adds the audible clips to a stereo render, as the live graph plays them (Tone.Player → Channel).
 * The result is as long as the longest of the render and the clips. The engine's project has no
 * audio clips yet, so the app mixes them here.
 */
export function mixClips(base: AudioData, clips: readonly ClipMixInput[]): AudioData {
  const sampleRate = base.sampleRate;
  const placed = clips
    .filter((clip) => clip.audible && clip.audio.channels.length > 0)
    .map((clip) => ({ ...clip, audio: clip.audio.sampleRate === sampleRate ? clip.audio : resample(clip.audio, sampleRate) }));
  const baseLength = base.channels[0]?.length ?? 0;
  const length = placed.reduce((n, clip) => Math.max(n, clip.audio.channels[0].length), baseLength);
  const left = new Float32Array(length);
  const right = new Float32Array(length);
  left.set(base.channels[0] ?? new Float32Array(0));
  right.set(base.channels[1] ?? base.channels[0] ?? new Float32Array(0));
  for (const clip of placed) {
    const gain = dbToGain(clip.volumeDb);
    const [inL, inR] = [clip.audio.channels[0], clip.audio.channels[1]];
    if (inR === undefined) {
      // mono: equal-power pan (Web Audio's mono StereoPanner law)
      const x = ((Math.min(1, Math.max(-1, clip.pan)) + 1) / 2) * (Math.PI / 2);
      const [gl, gr] = [Math.cos(x) * gain, Math.sin(x) * gain];
      for (let i = 0; i < inL.length; i++) {
        left[i] += inL[i] * gl;
        right[i] += inL[i] * gr;
      }
    } else {
      for (let i = 0; i < inL.length; i++) {
        const [l, r] = panStereo(inL[i] * gain, inR[i] * gain, clip.pan);
        left[i] += l;
        right[i] += r;
      }
    }
  }
  return { sampleRate, channels: [left, right] };
}
