/**
 * A multisample voice played live: per note, the zone's sample in a Tone.ToneBufferSource at
 * 2^(semitones/12) with Tone's exponential fade-in and fade-out (what Tone.Sampler does), into
 * one Volume. The offline renderer plays the same zones by the same rules (offline/sampler-track.ts).
 */
import * as Tone from 'tone';
import { zoneFor, zoneMono, type MultisampleVoice, type SampleZone } from '../instruments/voice.ts';
import type { NoteEvent } from '../note-events.ts';
import type { Pause } from '../task-steps.ts';
import type { ToneInstrument } from './tone-instrument.ts';

/**
 * Each zone's AudioBuffer, made once: the project is rebuilt on every edit, and copying a GM or
 * Latent Synth voice's samples again each time (10+ MB a track) held the main thread for 100+ ms.
 * An AudioBuffer is only data (usable in any context); disposing a ToneAudioBuffer leaves it intact.
 */
const zoneBuffers = new WeakMap<SampleZone, AudioBuffer>();

/** `zone`'s AudioBuffer at `sampleRate`, copied the first time it is asked for. */
function zoneBuffer(zone: SampleZone, sampleRate: number): AudioBuffer {
  let audioBuffer = zoneBuffers.get(zone);
  if (audioBuffer === undefined || audioBuffer.sampleRate !== sampleRate) {
    const samples = zoneMono(zone);
    audioBuffer = Tone.getContext().createBuffer(1, Math.max(1, samples.length), sampleRate);
    audioBuffer.copyToChannel(samples as Float32Array<ArrayBuffer>, 0); // copies once: no intermediate array
    zoneBuffers.set(zone, audioBuffer);
  }
  return audioBuffer;
}

/** Copies a voice's zones into their buffers ahead, pausing between zones (a GM voice is 10+ MB). */
export async function warmZoneBuffers(voice: MultisampleVoice, pause: Pause): Promise<void> {
  for (const zone of voice.zones) {
    zoneBuffer(zone, voice.sampleRate);
    await pause();
  }
}

export class ToneMultisampleInstrument implements ToneInstrument {
  readonly volume: Tone.Volume;
  private readonly voice: MultisampleVoice;
  private readonly buffers = new Map<SampleZone, Tone.ToneAudioBuffer>();
  private readonly sounding = new Set<Tone.ToneBufferSource>();
  private readonly ended = new Set<Tone.ToneBufferSource>();
  /** notes played live and not let go yet, by pitch */
  private readonly held = new Map<number, Tone.ToneBufferSource>();

  constructor(voice: MultisampleVoice) {
    this.voice = voice;
    this.volume = new Tone.Volume(this.voice.volumeDb);
    for (const zone of voice.zones) this.buffers.set(zone, new Tone.ToneAudioBuffer(zoneBuffer(zone, voice.sampleRate)));
  }

  get output(): Tone.ToneAudioNode {
    return this.volume;
  }

  /** How many notes are sounding or scheduled. */
  get activeNotes(): number {
    return this.sounding.size;
  }

  play(event: NoteEvent, time: number): void {
    const source = this.start(event.pitch, event.velocity, time);
    if (source !== null && !this.voice.oneShot) source.stop(time + event.duration);
  }

  noteOn(pitch: number, velocity: number, time: number): void {
    this.held.get(pitch)?.stop(time); // the same key again: the new note takes over
    this.held.delete(pitch);
    const source = this.start(pitch, velocity, time);
    // a one-shot plays out whatever the key does
    if (source !== null && !this.voice.oneShot) this.held.set(pitch, source);
  }

  noteOff(pitch: number, time: number): void {
    this.held.get(pitch)?.stop(time);
    this.held.delete(pitch);
  }

  /**
   * Starts `pitch`'s zone sample at `time`; null when no zone has it. It stops by itself at the
   * sample's end, or, for a zone with a sustain loop, repeats the loop until stopped.
   */
  private start(pitch: number, velocity: number, time: number): Tone.ToneBufferSource | null {
    const zone = zoneFor(this.voice.zones, pitch, velocity * 127);
    const buffer = zone === undefined ? undefined : this.buffers.get(zone);
    if (zone === undefined || buffer === undefined) return null;
    const playbackRate = Math.pow(2, (pitch - zone.rootPitch) / 12);
    const loop = this.voice.oneShot ? undefined : zone.loop;
    // the volume's context, not the current one: inside Tone.Offline, notes are made while rendering
    const source = new Tone.ToneBufferSource({
      context: this.volume.context,
      url: buffer,
      curve: 'exponential',
      fadeIn: this.voice.attack,
      fadeOut: this.voice.release,
      playbackRate,
      ...(loop === undefined ? {} : { loop: true, loopStart: loop.start / this.voice.sampleRate, loopEnd: loop.end / this.voice.sampleRate }),
    }).connect(this.volume);
    // Tone disposes an ended source itself online; offline, "ended" is timed before the audio
    // renders, so the source must live until this instrument is disposed
    source.onended = () => {
      this.sounding.delete(source);
      if (this.held.get(pitch) === source) this.held.delete(pitch);
      if (source.context.isOffline) this.ended.add(source);
    };
    this.sounding.add(source);
    source.start(time, 0, loop === undefined ? buffer.duration / playbackRate : undefined, velocity);
    return source;
  }

  releaseAll(): void {
    const now = this.volume.now();
    for (const source of this.sounding) source.stop(now);
    this.held.clear();
  }

  dispose(): void {
    for (const source of this.sounding) source.dispose();
    // sources of an offline render stay alive until here (see play)
    for (const source of this.ended) source.dispose();
    this.ended.clear();
    this.sounding.clear();
    this.held.clear();
    for (const buffer of this.buffers.values()) buffer.dispose();
    this.buffers.clear();
    this.volume.dispose();
  }
}
