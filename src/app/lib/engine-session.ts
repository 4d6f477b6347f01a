import * as Tone from 'tone';
import { ProjectPlayer } from '../../engine/tone/project-player.ts';
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
    this.clips = clips.map((clip) => new ClipPlayer(clip.audio, clip.volumeDb, clip.pan, clip.audible));
    this.strips = [...project.midiStrips, ...project.clips.map((c) => c.strip)];
    return engineProject.tracks.map((_, i) => instrumentLabel(engineProject, i));
  }

  play(fromSeconds: number): void {
    // The engine's transport plays from a tick; the workstation counts in seconds.
    Tone.getTransport().start(undefined, fromSeconds);
  }

  stop(): void {
    this.player?.stop();
    if (this.player === null) Tone.getTransport().stop();
  }

  get playing(): boolean {
    return Tone.getTransport().state === 'started';
  }

  positionSeconds(): number {
    return Tone.getTransport().seconds;
  }

  setLoop(enabled: boolean, startSeconds: number, endSeconds: number): void {
    const transport = Tone.getTransport();
    if (enabled && endSeconds > startSeconds) transport.setLoopPoints(startSeconds, endSeconds);
    transport.loop = enabled && endSeconds > startSeconds;
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
    const reply = await this.renderer.request('render', { project: engineProject, clips, ...options }, (p) => onProgress(p.fraction));
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
