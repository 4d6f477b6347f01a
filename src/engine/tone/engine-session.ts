/**
 * The live engine a face drives: holds the current project and its audio pool, plays, stops,
 * seeks and loops it on Tone's transport, and applies mixer changes. The app talks to this (and
 * to the offline renderer for export) and never to Tone.js itself.
 */
import * as Tone from 'tone';
import { TempoMap } from '../../core/music/tempo-map.ts';
import { EMPTY_POOL, validateProject, type AudioPool } from '../project-validate.ts';
import type { MixerStrip, Project } from '../project.ts';
import { withBlend, type TrackBlend } from '../track-blend.ts';
import type { PluginContext } from '../../plugins/types.ts';
import { taskPause } from '../task-steps.ts';
import { ProjectPlayer } from './project-player.ts';
import type { ToneInstrument } from './tone-instrument.ts';

export class EngineSession {
  private player: ProjectPlayer | null = null;
  private tempoMap: TempoMap | null = null;
  /** bumps on every setProject, so a slower earlier load never replaces a later one */
  private generation = 0;
  private disposed = false;
  /** what plays now, so a blend change can set it again when it cannot mix live */
  private current: { project: Project; pool: AudioPool; plugin?: PluginContext } | null = null;
  /** replaced graphs still being disposed a step at a time */
  private readonly retiring = new Set<ProjectPlayer>();
  /** notes held live, by "track/pitch", with the instrument each sounds on (its release goes there) */
  private readonly held = new Map<string, ToneInstrument>();

  /** Starts the AudioContext; browsers allow this only from a user gesture. */
  async unlock(): Promise<void> {
    await Tone.start();
  }

  /**
   * Replaces what plays (stopping playback). A project that fails validation changes nothing.
   * `plugin` goes to instruments and effects (models where the host has them, abort).
   * @throws AleaError 'bad-input' naming the track and the problem
   */
  async setProject(project: Project, pool: AudioPool = EMPTY_POOL, plugin?: PluginContext): Promise<void> {
    const valid = validateProject(project, pool);
    const generation = ++this.generation;
    const next = await ProjectPlayer.create(valid, pool, plugin);
    if (generation !== this.generation || this.disposed) {
      next.dispose();
      return;
    }
    this.retire(this.player); // silences the old graph, held notes with it
    this.held.clear();
    this.player = next;
    this.tempoMap = TempoMap.fromSong(valid.song);
    this.current = { project: valid, pool, plugin };
  }

  /**
   * Takes a replaced graph down: silent at once, disposed over the next tasks live (disposing a
   * song's parts at once held the page ~100 ms), at once offline.
   */
  private retire(player: ProjectPlayer | null): void {
    if (player === null) return;
    if (Tone.getContext().isOffline) {
      player.dispose();
      return;
    }
    this.retiring.add(player);
    void player.disposeInSteps(taskPause()).finally(() => this.retiring.delete(player));
  }

  /**
   * Moves a blended audio track's dry/wet mix (index over MIDI tracks, then audio tracks): at
   * once while playing when the track mixes live, else by setting the project again with it.
   * @throws AleaError 'bad-input' for a track with no blend or a share outside 0..1
   */
  async setBlend(index: number, blend: Pick<TrackBlend, 'wet' | 'bypass'>): Promise<void> {
    const current = this.current;
    if (current === null) return;
    const project = withBlend(current.project, index, blend);
    if (this.player?.setBlend(index, blend) === true) {
      this.current = { ...current, project };
      return;
    }
    await this.setProject(project, current.pool, current.plugin);
  }

  /** The live AudioContext's rate (audio clips play resampled to it). */
  get sampleRate(): number {
    return Tone.getContext().sampleRate;
  }

  get loaded(): boolean {
    return this.player !== null;
  }

  /** Plays from `fromSeconds` on the song's timeline. */
  play(fromSeconds = 0): void {
    if (this.player === null || this.tempoMap === null) return;
    this.player.play(this.tempoMap.secondsToTick(Math.max(0, fromSeconds)));
  }

  stop(): void {
    this.player?.stop(); // releases every instrument, held notes too
    this.held.clear();
  }

  /** Moves the playhead; playing continues from there. */
  seek(seconds: number): void {
    if (!this.playing) return;
    this.stop();
    this.play(seconds);
  }

  get playing(): boolean {
    return this.player?.transport.playing ?? false;
  }

  /** Transport position in song seconds. */
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

  /** Changes one track's strip (index over MIDI tracks, then audio tracks). */
  setStrip(index: number, change: Partial<MixerStrip>): void {
    this.player?.setStrip(index, change);
  }

  setMasterVolume(db: number): void {
    this.player?.setMasterVolume(db);
  }

  /** Plays one note now on MIDI track `index`'s instrument (a piano roll auditioning a note). */
  audition(index: number, pitch: number, velocity: number, seconds: number): void {
    this.player?.instrumentOf(index)?.play({ time: 0, pitch, velocity, duration: seconds }, Tone.now());
  }

  /** Starts a note on MIDI track `index`'s instrument, held until `noteOff` (a key played live). */
  noteOn(index: number, pitch: number, velocity: number): void {
    const instrument = this.player?.instrumentOf(index);
    if (instrument === undefined) return;
    this.held.set(`${index}/${pitch}`, instrument);
    instrument.noteOn(pitch, velocity, Tone.now());
  }

  /** Lets go of a note `noteOn` started; nothing when it was silenced already (stop, a new project). */
  noteOff(index: number, pitch: number): void {
    const key = `${index}/${pitch}`;
    this.held.get(key)?.noteOff(pitch, Tone.now());
    this.held.delete(key);
  }

  /** The live graph, for inspection (tests, meters); null before a project is set. */
  get graph(): ProjectPlayer | null {
    return this.player;
  }

  dispose(): void {
    this.disposed = true;
    this.held.clear();
    for (const player of this.retiring) player.dispose();
    this.retiring.clear();
    this.player?.dispose();
    this.player = null;
    this.tempoMap = null;
    this.current = null;
  }
}
