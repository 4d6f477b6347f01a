/**
 * Plays a Project live with Tone.js: the song's transport, per MIDI track the voice its
 * instrument describes and a track player, per audio track its clips, all through the mixer.
 * Notes (after MIDI effects), voices and clip placements come from the same engine modules the
 * offline render uses. A track with an active audio-effect chain is rendered ahead through it
 * and played as a clip (frozen-tracks.ts). Made with `ProjectPlayer.create` (voices and frozen
 * tracks may take time to build).
 */
import * as Tone from 'tone';
import { isStereoTrack, placeBlendParts, placeClips, PoolAtRate, type PlacedClip } from '../audio-clips.ts';
import { freezeAudioTrack, freezeMidiTrack, hasActiveChain } from '../frozen-tracks.ts';
import { resolveVoice } from '../instruments/resolve-voice.ts';
import type { PlayableVoice } from '../instruments/voice.ts';
import { projectEvents } from '../midi-effects.ts';
import type { NoteEvent } from '../note-events.ts';
import type { PluginContext } from '../../plugins/types.ts';
import { EMPTY_POOL, validateProject, type AudioPool } from '../project-validate.ts';
import { projectStrips, type MixerStrip, type Project } from '../project.ts';
import { blendShare, type TrackBlend } from '../track-blend.ts';
import { ToneBlendTrack } from './blend-track.ts';
import { ToneClipTrack } from './clip-track.ts';
import { warmBuffers } from './shared-buffers.ts';
import { createToneInstrument } from './create-instrument.ts';
import { Mixer } from './mixer.ts';
import type { ToneInstrument } from './tone-instrument.ts';
import { TrackPlayer } from './track-player.ts';
import { Transport } from './transport.ts';

export class ProjectPlayer {
  readonly transport: Transport;
  readonly mixer: Mixer;
  /** the MIDI tracks played by live instruments, in track order */
  readonly instruments: readonly ToneInstrument[];
  readonly players: readonly TrackPlayer[];
  /** the audio tracks, then the MIDI tracks rendered ahead through their chains */
  readonly clipTracks: readonly ToneClipTrack[];
  /** audio tracks with a dry/wet blend played live, by track index (the rest are in clipTracks) */
  readonly blendTracks: ReadonlyMap<number, ToneBlendTrack>;
  /** each live-played MIDI track's instrument, by track index */
  private readonly byTrack = new Map<number, ToneInstrument>();

  /**
   * Builds the graph in the current Tone context (inside Tone.Offline, that context).
   * `plugin` goes to instruments and effects (models where the host has them, abort).
   * @throws AleaError 'bad-input' when the project is inconsistent
   */
  static async create(input: Project, pool: AudioPool = EMPTY_POOL, plugin?: PluginContext): Promise<ProjectPlayer> {
    const project = validateProject(input, pool);
    const sampleRate = Tone.getContext().sampleRate;
    const events = projectEvents(project);
    const voices = await Promise.all(project.tracks.map((t, i) => resolveVoice(t.instrument, { sampleRate, pitches: events[i].map((e) => e.pitch), plugin })));
    const sources = new PoolAtRate(pool, sampleRate);
    const midi = await Promise.all(
      project.tracks.map(async (setup, i): Promise<PlayableVoice | PlacedClip[]> =>
        hasActiveChain(setup) ? freezeMidiTrack(setup, voices[i], events[i], sampleRate, plugin) : voices[i],
      ),
    );
    const audio = await Promise.all(project.audioTracks.map((t) => (hasActiveChain(t) ? freezeAudioTrack(t, sources, plugin) : placeClips(t, sources))));
    // a blend mixes live unless a chain after it is rendered ahead (then the blend is in the frozen audio)
    const blends = project.audioTracks.map((t) => (t.blend !== undefined && !hasActiveChain(t) ? { parts: placeBlendParts(t, sources), share: blendShare(t.blend) } : null));
    const clips = [...midi.filter((t) => Array.isArray(t)), ...audio, ...blends.flatMap((b) => (b === null ? [] : [b.parts.dry, b.parts.wet]))].flat();
    // long clips are copied into their buffers a slice per task before the graph takes them
    await warmBuffers(clips.map((c) => c.audio));
    return new ProjectPlayer(project, events, midi, audio, blends);
  }

  /** `midi`: per MIDI track its voice, or its frozen clips; `audio`: per audio track its clips. */
  private constructor(
    project: Project,
    events: NoteEvent[][],
    midi: (PlayableVoice | PlacedClip[])[],
    audio: PlacedClip[][],
    blends: ({ parts: { dry: PlacedClip[]; wet: PlacedClip[] }; share: number } | null)[] = [],
  ) {
    this.transport = new Transport(project.song);
    const clipsOf = (track: PlayableVoice | PlacedClip[]): PlacedClip[] => (Array.isArray(track) ? track : []);
    const channelCounts = [...midi.map((t) => (isStereoTrack(clipsOf(t)) ? 2 : 1)), ...audio.map((c) => (isStereoTrack(c) ? 2 : 1))];
    this.mixer = new Mixer(projectStrips(project), project.masterVolumeDb, channelCounts);
    const instruments: ToneInstrument[] = [];
    const players: TrackPlayer[] = [];
    const clipTracks: ToneClipTrack[] = [];
    const addClips = (placed: PlacedClip[], channel: number): void => {
      const track = new ToneClipTrack(placed);
      track.output.connect(this.mixer.channel(channel));
      clipTracks.push(track);
    };
    const blendTracks = new Map<number, ToneBlendTrack>();
    audio.forEach((placed, a) => {
      const blend = blends[a];
      if (blend == null) {
        addClips(placed, midi.length + a);
        return;
      }
      const track = new ToneBlendTrack(blend.parts, blend.share);
      track.output.connect(this.mixer.channel(midi.length + a));
      blendTracks.set(midi.length + a, track);
    });
    this.blendTracks = blendTracks;
    midi.forEach((track, i) => {
      if (Array.isArray(track)) {
        addClips(track, i);
        return;
      }
      const instrument = createToneInstrument(track);
      instrument.output.connect(this.mixer.channel(i));
      instruments.push(instrument);
      this.byTrack.set(i, instrument);
      players.push(new TrackPlayer(events[i], instrument));
    });
    this.instruments = instruments;
    this.players = players;
    this.clipTracks = clipTracks;
  }

  /** MIDI track `index`'s live instrument (none when it plays frozen through a chain). */
  instrumentOf(index: number): ToneInstrument | undefined {
    return this.byTrack.get(index);
  }

  play(fromTick = 0, when?: number): void {
    this.transport.play(fromTick, when);
  }

  stop(): void {
    this.transport.stop();
    for (const instrument of this.instruments) instrument.releaseAll();
  }

  /**
   * Moves a blended track's dry/wet mix now (index over MIDI tracks, then audio tracks). Returns
   * false when the track does not mix live (no blend, or a chain rendered ahead): reload it then.
   * `time`: the context time the change starts at (default now).
   */
  setBlend(index: number, blend: Pick<TrackBlend, 'wet' | 'bypass'>, time?: number): boolean {
    const track = this.blendTracks.get(index);
    if (track === undefined) return false;
    track.setShare(blendShare(blend), time);
    return true;
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
    for (const track of this.blendTracks.values()) track.dispose();
    this.mixer.dispose();
  }
}
