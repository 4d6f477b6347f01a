import { useEngineRegistry } from '../../engine/plugin-lookup.ts';
import { EngineSession } from '../../engine/tone/engine-session.ts';
import { LiveKeys } from '../../engine/tone/live-keys.ts';
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
    return engineProject.tracks.map((_, i) => instrumentLabel(engineProject, i));
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

  dispose(): void {
    this.keys.dispose();
    this.live.dispose();
    this.renderer?.dispose();
    this.renderer = null;
  }
}

export function createEngineSession(): EnginePort {
  return new WorkstationEngine();
}
