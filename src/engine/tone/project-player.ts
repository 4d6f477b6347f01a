/**
 * Plays a Project live with Tone.js: the song's transport, per MIDI track the voice its
 * instrument describes and a track player, per audio track its clips, all through the mixer.
 * Notes (after MIDI effects), voices and clip placements come from the same engine modules the
 * offline render uses. Made with `ProjectPlayer.create` (voices may take time to build).
 */
import * as Tone from 'tone';
import { isStereoTrack, placeClips, PoolAtRate, type PlacedClip } from '../audio-clips.ts';
import { resolveVoice } from '../instruments/resolve-voice.ts';
import type { PlayableVoice } from '../instruments/voice.ts';
import { projectEvents } from '../midi-effects.ts';
import type { NoteEvent } from '../note-events.ts';
import { EMPTY_POOL, validateProject, type AudioPool } from '../project-validate.ts';
import { projectStrips, type MixerStrip, type Project } from '../project.ts';
import { ToneClipTrack } from './clip-track.ts';
import { createToneInstrument } from './create-instrument.ts';
import { Mixer } from './mixer.ts';
import type { ToneInstrument } from './tone-instrument.ts';
import { TrackPlayer } from './track-player.ts';
import { Transport } from './transport.ts';

export class ProjectPlayer {
  readonly transport: Transport;
  readonly mixer: Mixer;
  readonly instruments: readonly ToneInstrument[];
  readonly players: readonly TrackPlayer[];
  readonly clipTracks: readonly ToneClipTrack[];

  /**
   * Builds the graph in the current Tone context (inside Tone.Offline, that context).
   * @throws AleaError 'bad-input' when the project is inconsistent
   */
  static async create(input: Project, pool: AudioPool = EMPTY_POOL): Promise<ProjectPlayer> {
    const project = validateProject(input, pool);
    const sampleRate = Tone.getContext().sampleRate;
    const events = projectEvents(project);
    const voices = await Promise.all(project.tracks.map((t, i) => resolveVoice(t.instrument, { sampleRate, pitches: events[i].map((e) => e.pitch) })));
    const sources = new PoolAtRate(pool, sampleRate);
    return new ProjectPlayer(project, events, voices, project.audioTracks.map((t) => placeClips(t, sources)));
  }

  private constructor(project: Project, events: NoteEvent[][], voices: PlayableVoice[], clips: PlacedClip[][]) {
    this.transport = new Transport(project.song);
    const channelCounts = [...project.tracks.map(() => 1), ...clips.map((c) => (isStereoTrack(c) ? 2 : 1))];
    this.mixer = new Mixer(projectStrips(project), project.masterVolumeDb, channelCounts);
    this.instruments = voices.map((voice, i) => {
      const instrument = createToneInstrument(voice);
      instrument.output.connect(this.mixer.channel(i));
      return instrument;
    });
    this.players = this.instruments.map((instrument, i) => new TrackPlayer(events[i], instrument));
    const midiCount = project.tracks.length;
    this.clipTracks = clips.map((placed, a) => {
      const track = new ToneClipTrack(placed);
      track.output.connect(this.mixer.channel(midiCount + a));
      return track;
    });
  }

  play(fromTick = 0, when?: number): void {
    this.transport.play(fromTick, when);
  }

  stop(): void {
    this.transport.stop();
    for (const instrument of this.instruments) instrument.releaseAll();
  }

  /** Changes one strip (index over MIDI tracks, then audio tracks). */
  setStrip(index: number, change: Partial<MixerStrip>): void {
    this.mixer.setStrip(index, change);
  }

  setMasterVolume(db: number): void {
    this.mixer.setMasterVolume(db);
  }

  setLoop(startTick: number, endTick: number): void {
    this.transport.setLoop(startTick, endTick);
  }

  clearLoop(): void {
    this.transport.clearLoop();
  }

  dispose(): void {
    this.transport.dispose();
    for (const player of this.players) player.dispose();
    for (const instrument of this.instruments) instrument.dispose();
    for (const track of this.clipTracks) track.dispose();
    this.mixer.dispose();
  }
}
