import * as Tone from 'tone';
import { TempoMap } from '../../core/music/tempo-map.ts';
import { ProjectPlayer } from '../../engine/tone/index.ts';
import type { StripSettings } from '../state/track-state.svelte.ts';
import { spawnRenderWorker } from '../worker/spawn.ts';
import type { WorkerClient } from '../worker/worker-client.ts';
import { ClipPlayer } from './clip-player.ts';
import type { EnginePort, WavExportOptions, WorkstationProject } from './engine-port.ts';
import { audibility, faderDb, instrumentLabel, toEngineProject } from './engine-project.ts';

/**
 * The workstation's audio: the engine's ProjectPlayer for the MIDI tracks, a ClipPlayer per
 * imported clip, both on Tone's transport; WAV export renders in a worker.
 */
class EngineSession implements EnginePort {
  private player: ProjectPlayer | null = null;
  private tempoMap: TempoMap | null = null;
  private clips: ClipPlayer[] = [];
  private strips: StripSettings[] = [];
  private renderer: WorkerClient | null = null;

  async unlock(): Promise<void> {
    await Tone.start();
  }

  async load(project: WorkstationProject): Promise<string[]> {
    const { project: engineProject, clips } = toEngineProject(project); // throws before anything changes
    this.clear();
    this.player = new ProjectPlayer(engineProject);
    this.tempoMap = TempoMap.fromSong(project.song);
    this.clips = clips.map((clip) => new ClipPlayer(clip.audio, clip.volumeDb, clip.pan, clip.audible));
    this.strips = [...project.midiStrips, ...project.clips.map((c) => c.strip)];
    return engineProject.tracks.map((_, i) => instrumentLabel(engineProject, i));
  }

  play(fromSeconds: number): void {
    if (this.player === null || this.tempoMap === null) return;
    this.player.play(this.tempoMap.secondsToTick(fromSeconds));
  }

  stop(): void {
    this.player?.stop();
  }

  get playing(): boolean {
    return this.player?.transport.playing ?? false;
  }

  positionSeconds(): number {
    return this.player?.transport.seconds ?? 0;
  }

  setLoop(enabled: boolean, startSeconds: number, endSeconds: number): void {
    if (this.player === null || this.tempoMap === null) return;
    if (enabled && endSeconds > startSeconds) {
      this.player.setLoop(this.tempoMap.secondsToTick(startSeconds), this.tempoMap.secondsToTick(endSeconds));
    } else {
      this.player.clearLoop();
    }
  }

  setStrip(trackIndex: number, strip: StripSettings): void {
    this.strips[trackIndex] = strip;
    // A solo changes what every other track does, so every strip is sent again.
    const heard = audibility(this.strips);
    const midiCount = this.strips.length - this.clips.length;
    this.strips.forEach((s, i) => {
      if (i < midiCount) this.player?.setStrip(i, { volumeDb: faderDb(s.volumeDb), pan: s.pan, mute: !heard[i], solo: false });
      else this.clips[i - midiCount]?.set(faderDb(s.volumeDb), s.pan, heard[i]);
    });
  }

  async renderWav(project: WorkstationProject, options: WavExportOptions, onProgress: (fraction: number) => void): Promise<Uint8Array> {
    const { project: engineProject, clips } = toEngineProject(project);
    this.renderer ??= spawnRenderWorker();
    const reply = await this.renderer.request('render', { project: engineProject, clips, ...options }, { onProgress: (p) => onProgress(p.fraction) });
    return reply.wav;
  }

  dispose(): void {
    this.clear();
    this.renderer?.dispose();
    this.renderer = null;
  }

  private clear(): void {
    this.player?.dispose();
    this.player = null;
    for (const clip of this.clips) clip.dispose();
    this.clips = [];
  }
}

export function createEngineSession(): EnginePort {
  return new EngineSession();
}
