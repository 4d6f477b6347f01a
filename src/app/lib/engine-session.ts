import { useEngineRegistry } from '../../engine/plugin-lookup.ts';
import { EngineSession } from '../../engine/tone/engine-session.ts';
import { LiveKeys } from '../../engine/tone/live-keys.ts';
import { Metronome } from '../../engine/tone/metronome.ts';
import { MixerMeters } from '../../engine/tone/mixer-meters.ts';
import { TempoMap } from '../../core/music/tempo-map.ts';
import type { InstrumentVoice } from '../../plugins/types.ts';
import type { StripSettings } from '../state/track-state.svelte.ts';
import { spawnRenderWorker } from '../worker/spawn.ts';
import type { WorkerClient } from '../worker/worker-client.ts';
import { startAudio } from './audio-start.ts';
import { BuiltVoices, registryWithBuiltVoices } from './built-voices.ts';
import type { ClipBlend, EnginePort, WavExportOptions, WorkstationProject } from './engine-port.ts';
import { engineStrip, instrumentLabel, toEngineProject } from './engine-project.ts';

/**
 * The workstation's audio: the engine's live session plays the project (MIDI tracks and audio
 * clips alike); WAV export renders in a worker with the engine's offline renderer. The app only
 * translates its track rows into the engine's project.
 */
class WorkstationEngine implements EnginePort {
  private readonly live = new EngineSession();
  private readonly keys = new LiveKeys();
  private metronome: Metronome | null = null;
  private readonly meters = new MixerMeters();
  private songSeconds = 0;
  private lastSong: WorkstationProject['song'] | null = null;
  private renderer: WorkerClient | null = null;
  /** voices the ML worker built (Latent Synth's): the live engine plays them, export sends them */
  private readonly voices = new BuiltVoices();

  constructor() {
    useEngineRegistry(registryWithBuiltVoices(this.voices));
  }

  unlock(): Promise<void> {
    return startAudio(() => this.live.unlock());
  }

  async load(project: WorkstationProject): Promise<string[]> {
    const { project: engineProject, pool } = toEngineProject(project);
    for (const built of project.voices ?? []) this.voices.add(built);
    await this.live.setProject(engineProject, pool);
    const song = engineProject.song;
    this.songSeconds = TempoMap.fromSong(song).tickToSeconds(Math.max(0, ...song.tracks.flatMap((t) => t.notes.map((n) => n.endTick))));
    this.metronome?.setSong(song, this.songSeconds);
    this.lastSong = song;
    return engineProject.tracks.map((_, i) => instrumentLabel(engineProject, i));
  }

  liveSampleRate(): Promise<number | null> {
    return Promise.resolve(this.live.sampleRate);
  }

  play(fromSeconds: number): void {
    this.live.play(fromSeconds);
  }

  stop(): void {
    this.live.stop();
  }

  get playing(): boolean {
    return this.live.playing;
  }

  positionSeconds(): number {
    return this.live.positionSeconds();
  }

  setLoop(enabled: boolean, startSeconds: number, endSeconds: number): void {
    this.live.setLoop(enabled, startSeconds, endSeconds);
  }

  setStrip(trackIndex: number, strip: StripSettings): void {
    this.live.setStrip(trackIndex, engineStrip(strip));
  }

  setBlend(trackIndex: number, blend: Omit<ClipBlend, 'dry'>): Promise<void> {
    return this.live.setBlend(trackIndex, { wet: blend.amount, bypass: blend.bypass });
  }

  async renderWav(project: WorkstationProject, options: WavExportOptions, onProgress: (fraction: number) => void): Promise<Uint8Array> {
    const { project: engineProject, pool } = toEngineProject(project);
    this.renderer ??= spawnRenderWorker();
    const voices = project.voices ?? [];
    const reply = await this.renderer.request('render', { project: engineProject, pool, voices, ...options }, { onProgress: (p) => onProgress(p.fraction) });
    return reply.wav;
  }

  setKeysVoice(voice: InstrumentVoice | null): void {
    this.keys.setVoice(voice);
  }

  strike(pitch: number, velocity: number, seconds: number): void {
    this.keys.strike(pitch, velocity, seconds);
  }

  auditionTrack(trackIndex: number, pitch: number, velocity: number, seconds: number): void {
    this.live.audition(trackIndex, pitch, velocity, seconds);
  }

  noteOn(trackIndex: number, pitch: number, velocity: number): void {
    this.live.noteOn(trackIndex, pitch, velocity);
  }

  noteOff(trackIndex: number, pitch: number): void {
    this.live.noteOff(trackIndex, pitch);
  }

  setMetronome(on: boolean): void {
    if (this.metronome === null && !on) return;
    // made on first use: Tone nodes only once audio is wanted
    this.metronome ??= new Metronome();
    if (this.lastSong !== null) this.metronome.setSong(this.lastSong, this.songSeconds);
    this.metronome.setEnabled(on);
  }

  async countIn(): Promise<void> {
    this.metronome ??= new Metronome();
    if (this.lastSong !== null) this.metronome.setSong(this.lastSong, this.songSeconds);
    const seconds = this.metronome.countIn();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }

  levels(): number[] | null {
    return this.meters.read(this.live.graph);
  }

  dispose(): void {
    this.meters.dispose();
    this.metronome?.dispose();
    this.keys.dispose();
    this.live.dispose();
    this.renderer?.dispose();
    this.renderer = null;
  }
}

export function createEngineSession(): EnginePort {
  return new WorkstationEngine();
}
