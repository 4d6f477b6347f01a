/**
 * The workstation's engine, loaded on first need. Tone.js makes its AudioContext as its module
 * loads (60–90 ms of one main-thread task, measured), so the page starts without it: the first
 * click or key (which unlocks audio anyway), Play, an audition or an audio import brings it in.
 * Until then a loaded project is only checked and remembered, and the engine plays the latest.
 */
import { useEngineRegistry } from '../../engine/plugin-lookup.ts';
import { validateProject } from '../../engine/project-validate.ts';
import type { InstrumentVoice } from '../../plugins/types.ts';
import type { StripSettings } from '../state/track-state.svelte.ts';
import { BuiltVoices, registryWithBuiltVoices } from './built-voices.ts';
import type { ClipBlend, EnginePort, WavExportOptions, WorkstationProject } from './engine-port.ts';
import { instrumentLabel, toEngineProject } from './engine-project.ts';
import { warmAudioOutput } from './audio-warmup.ts';
import { preloadTone } from './tone-preload.ts';
import { whenIdle } from './when-idle.ts';

class LazyEngine implements EnginePort {
  private engine: EnginePort | null = null;
  private loading: Promise<EnginePort> | null = null;
  private disposed = false;
  /** what the engine must catch up on when it arrives */
  private project: WorkstationProject | null = null;
  private readonly strips = new Map<number, StripSettings>();
  private loop: [boolean, number, number] | null = null;
  private keysVoice: InstrumentVoice | null | undefined;
  private metronome: boolean | undefined;
  private pendingPlay = 0;
  private readonly voices: BuiltVoices;

  constructor() {
    // labels and checks before the engine arrives need Latent Synth's built voices too
    const voices = new BuiltVoices();
    useEngineRegistry(registryWithBuiltVoices(voices));
    this.voices = voices;
  }

  /** The engine, loading it (once) and bringing it up to date with what was asked meanwhile. */
  ready(): Promise<EnginePort> {
    // the audio service first, then Tone in steps: no one long task for either
    this.loading ??= warmAudioOutput().then(async () => {
      await preloadTone();
      const { createEngineSession } = await import('./engine-session.ts');
      const engine = createEngineSession();
      let loaded: WorkstationProject | null = null;
      while (this.project !== loaded) {
        loaded = this.project;
        if (loaded !== null) await engine.load(loaded);
      }
      for (const [index, strip] of this.strips) engine.setStrip(index, strip);
      if (this.loop !== null) engine.setLoop(...this.loop);
      if (this.keysVoice !== undefined) engine.setKeysVoice(this.keysVoice);
      if (this.metronome !== undefined) engine.setMetronome?.(this.metronome);
      if (this.disposed) engine.dispose();
      this.engine = engine;
      return engine;
    });
    return this.loading;
  }

  async unlock(): Promise<void> {
    await (await this.ready()).unlock();
  }

  async load(project: WorkstationProject): Promise<string[]> {
    if (this.engine !== null) return this.engine.load(project);
    // the same check the engine makes: a bad project fails here as it would there
    for (const built of project.voices ?? []) this.voices.add(built);
    const { project: engineProject, pool } = toEngineProject(project);
    const valid = validateProject(engineProject, pool);
    this.project = project;
    this.strips.clear();
    return valid.tracks.map((_, i) => instrumentLabel(valid, i));
  }

  play(fromSeconds: number): void {
    if (this.engine !== null) return this.engine.play(fromSeconds);
    const ticket = ++this.pendingPlay;
    void this.ready().then((engine) => ticket === this.pendingPlay && engine.play(fromSeconds));
  }

  stop(): void {
    this.pendingPlay++;
    this.engine?.stop();
  }

  get playing(): boolean {
    return this.engine?.playing ?? false;
  }

  positionSeconds(): number {
    return this.engine?.positionSeconds() ?? 0;
  }

  setLoop(enabled: boolean, startSeconds: number, endSeconds: number): void {
    this.loop = [enabled, startSeconds, endSeconds];
    this.engine?.setLoop(enabled, startSeconds, endSeconds);
  }

  setStrip(trackIndex: number, strip: StripSettings): void {
    if (this.engine !== null) return this.engine.setStrip(trackIndex, strip);
    this.strips.set(trackIndex, strip);
  }

  async setBlend(trackIndex: number, blend: Omit<ClipBlend, 'dry'>): Promise<void> {
    await (await this.ready()).setBlend(trackIndex, blend);
  }

  async liveSampleRate(): Promise<number | null> {
    return (await (await this.ready()).liveSampleRate?.()) ?? null;
  }

  async renderWav(project: WorkstationProject, options: WavExportOptions, onProgress: (fraction: number) => void): Promise<Uint8Array> {
    return (await this.ready()).renderWav(project, options, onProgress);
  }

  setKeysVoice(voice: InstrumentVoice | null): void {
    this.keysVoice = voice;
    this.engine?.setKeysVoice(voice);
  }

  auditionTrack(trackIndex: number, pitch: number, velocity: number, seconds: number): void {
    void this.ready().then((engine) => engine.auditionTrack(trackIndex, pitch, velocity, seconds));
  }

  // a key sounds at once once the engine is here; before that, note-on and note-off wait on the
  // same promise, so they still arrive in the order played
  noteOn(trackIndex: number, pitch: number, velocity: number): void {
    if (this.engine !== null) this.engine.noteOn(trackIndex, pitch, velocity);
    else void this.ready().then((engine) => engine.noteOn(trackIndex, pitch, velocity));
  }

  noteOff(trackIndex: number, pitch: number): void {
    if (this.engine !== null) this.engine.noteOff(trackIndex, pitch);
    else void this.ready().then((engine) => engine.noteOff(trackIndex, pitch));
  }

  strike(pitch: number, velocity: number, seconds: number): void {
    void this.ready().then((engine) => engine.strike(pitch, velocity, seconds));
  }

  setMetronome(on: boolean): void {
    this.metronome = on;
    this.engine?.setMetronome?.(on);
  }

  async countIn(): Promise<void> {
    await (await this.ready()).countIn?.();
  }

  levels(): number[] | null {
    return this.engine?.levels?.() ?? null;
  }

  dispose(): void {
    this.disposed = true;
    this.engine?.dispose();
  }
}

/** Idle time after start-up when the engine loads if nothing asked for it sooner: the first Play is then instant. */
const PRELOAD_AFTER_MS = 3000;

export function createLazyEngine(): EnginePort {
  // the audio service is started by ready() itself, not at start-up: listing media devices also
  // starts the browser's video-capture service, ~170 ms of CPU that competed with the page's start-up
  const engine = new LazyEngine();
  whenIdle(() => void engine.ready(), PRELOAD_AFTER_MS, 5000);
  return engine;
}
