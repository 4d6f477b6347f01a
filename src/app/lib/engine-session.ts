import { EngineSession } from '../../engine/tone/engine-session.ts';
import type { StripSettings } from '../state/track-state.svelte.ts';
import { spawnRenderWorker } from '../worker/spawn.ts';
import type { WorkerClient } from '../worker/worker-client.ts';
import type { EnginePort, WavExportOptions, WorkstationProject } from './engine-port.ts';
import { engineStrip, instrumentLabel, toEngineProject } from './engine-project.ts';

/**
 * The workstation's audio: the engine's live session plays the project (MIDI tracks and audio
 * clips alike); WAV export renders in a worker with the engine's offline renderer. The app only
 * translates its track rows into the engine's project.
 */
class WorkstationEngine implements EnginePort {
  private readonly live = new EngineSession();
  private renderer: WorkerClient | null = null;

  unlock(): Promise<void> {
    return this.live.unlock();
  }

  async load(project: WorkstationProject): Promise<string[]> {
    const { project: engineProject, pool } = toEngineProject(project);
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

  async renderWav(project: WorkstationProject, options: WavExportOptions, onProgress: (fraction: number) => void): Promise<Uint8Array> {
    const { project: engineProject, pool } = toEngineProject(project);
    this.renderer ??= spawnRenderWorker();
    const reply = await this.renderer.request('render', { project: engineProject, pool, ...options }, { onProgress: (p) => onProgress(p.fraction) });
    return reply.wav;
  }

  dispose(): void {
    this.live.dispose();
    this.renderer?.dispose();
    this.renderer = null;
  }
}

export function createEngineSession(): EnginePort {
  return new WorkstationEngine();
}
