/**
 * The sampler plugin realised with Tone.Sampler, fed by the samples Alea synthesises in code
 * (dsp/multisample.ts) at the context's sample rate. The offline renderer plays the same samples
 * by the same rules (offline/sampler-track.ts).
 */
import * as Tone from 'tone';
import type { SamplerSettings } from '../../plugins/builtin/sampler.ts';
import { nearestRoot, rootSample, sampleRoots } from '../dsp/multisample.ts';
import { midiToFrequency } from '../dsp/partials.ts';
import type { NoteEvent } from '../note-events.ts';
import type { ToneInstrument } from './tone-instrument.ts';

export class ToneSamplerInstrument implements ToneInstrument {
  readonly sampler: Tone.Sampler;
  private readonly buffers: Tone.ToneAudioBuffer[] = [];
  private readonly oneShot: boolean;

  /**
   * @param pitches the pitches the track will play: only the roots they need are synthesised
   *   (all roots when omitted, for live input)
   */
  constructor(settings: SamplerSettings, pitches?: readonly number[]) {
    const context = Tone.getContext();
    const roots = pitches === undefined ? [...sampleRoots(settings.sound)] : [...new Set(pitches.map((p) => nearestRoot(settings.sound, p)))];
    const urls: Record<number, Tone.ToneAudioBuffer> = {};
    for (const root of roots) {
      const samples = rootSample(settings.sound, root, context.sampleRate);
      const audioBuffer = context.createBuffer(1, samples.length, context.sampleRate);
      audioBuffer.copyToChannel(samples, 0);
      const buffer = new Tone.ToneAudioBuffer(audioBuffer);
      this.buffers.push(buffer);
      urls[root] = buffer;
    }
    this.oneShot = settings.sound === 'drums';
    this.sampler = new Tone.Sampler({
      urls,
      attack: settings.attack,
      release: settings.release,
      curve: 'exponential',
      volume: settings.volume,
    });
  }

  get output(): Tone.ToneAudioNode {
    return this.sampler;
  }

  play(event: NoteEvent, time: number): void {
    const frequency = midiToFrequency(event.pitch);
    if (this.oneShot) this.sampler.triggerAttack(frequency, time, event.velocity);
    else this.sampler.triggerAttackRelease(frequency, event.duration, time, event.velocity);
  }

  releaseAll(): void {
    this.sampler.releaseAll();
  }

  dispose(): void {
    this.sampler.dispose();
    for (const buffer of this.buffers) buffer.dispose();
  }
}
