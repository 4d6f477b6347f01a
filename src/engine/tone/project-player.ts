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
import type { PluginContext } from '../../plugins/types.ts';
import { EMPTY_POOL, validateProject, type AudioPool } from '../project-validate.ts';
import { projectStrips, type MixerStrip, type Project } from '../project.ts';
import { blendShare, type TrackBlend } from '../track-blend.ts';
import { ToneBlendTrack } from './blend-track.ts';
import { ToneClipTrack } from './clip-track.ts';
import { warmBuffers } from './shared-buffers.ts';
import { createToneInstrument } from './create-instrument.ts';
import { warmZoneBuffers } from './multisample-instrument.ts';
import { noPause, taskPause, type Pause } from '../task-steps.ts';
import { Mixer } from './mixer.ts';
import type { ToneInstrument } from './tone-instrument.ts';
import { TrackPlayer } from './track-player.ts';
import { Transport } from './transport.ts';

export class ProjectPlayer {
  readonly transport: Transport;
  readonly mixer: Mixer;
  /** the MIDI tracks played by live instruments, in track order */
  readonly instruments: ToneInstrument[] = [];
  readonly players: TrackPlayer[] = [];
  /** the audio tracks, then the MIDI tracks rendered ahead through their chains */
  readonly clipTracks: ToneClipTrack[] = [];
  /** audio tracks with a dry/wet blend played live, by track index (the rest are in clipTracks) */
  readonly blendTracks = new Map<number, ToneBlendTrack>();
  /** each live-played MIDI track's instrument, by track index */
  private readonly byTrack = new Map<number, ToneInstrument>();

  /**
   * Builds the graph in the current Tone context (inside Tone.Offline, that context). Live, the
   * work is spread over tasks (a track's voice, its samples, its notes in steps), so the page
   * keeps responding while a project loads; offline it runs in one go.
   * `plugin` goes to instruments and effects (models where the host has them, abort).
   * @throws AleaError 'bad-input' when the project is inconsistent
   */
  static async create(input: Project, pool: AudioPool = EMPTY_POOL, plugin?: PluginContext): Promise<ProjectPlayer> {
    const project = validateProject(input, pool);
    const context = Tone.getContext();
    const pause = context.isOffline ? noPause : taskPause();
    // what a live engine's long steps (voices, frozen tracks) pause with; an offline render runs in one go
    const livePause = context.isOffline ? undefined : pause;
    const sampleRate = context.sampleRate;
    const events = projectEvents(project);
    await pause();
    const midi: (PlayableVoice | PlacedClip[])[] = [];
    for (const [i, setup] of project.tracks.entries()) {
      const voice = await resolveVoice(setup.instrument, { sampleRate, pitches: events[i].map((e) => e.pitch), plugin, pause: livePause });
      midi.push(hasActiveChain(setup) ? await freezeMidiTrack(setup, voice, events[i], sampleRate, plugin, livePause) : voice);
      await pause();
    }
    const sources = new PoolAtRate(pool, sampleRate);
    const audio = await Promise.all(project.audioTracks.map((t) => (hasActiveChain(t) ? freezeAudioTrack(t, sources, plugin, livePause) : placeClips(t, sources))));
    // a blend mixes live unless a chain after it is rendered ahead (then the blend is in the frozen audio)
    const blends = project.audioTracks.map((t) => (t.blend !== undefined && !hasActiveChain(t) ? { parts: placeBlendParts(t, sources), share: blendShare(t.blend) } : null));
    const clips = [...midi.filter((t) => Array.isArray(t)), ...audio, ...blends.flatMap((b) => (b === null ? [] : [b.parts.dry, b.parts.wet]))].flat();
    // long clips are copied into their buffers a slice per task before the graph takes them
    await warmBuffers(clips.map((c) => c.audio));
    for (const track of midi) if (!Array.isArray(track) && track.kind === 'multisample') await warmZoneBuffers(track, pause);
    const player = new ProjectPlayer(project, midi, audio, blends);
    // the transport has the song's tempo now (set above): the parts convert their seconds at it
    for (const [i, track] of midi.entries()) {
      if (Array.isArray(track)) continue;
      const instrument = createToneInstrument(track);
      instrument.output.connect(player.mixer.channel(i));
      player.byTrack.set(i, instrument);
      player.instruments.push(instrument);
      player.players.push(await TrackPlayer.create(events[i], instrument, pause));
      await pause();
    }
    return player;
  }

  /**
   * The transport, mixer and clip tracks; `create` adds the instruments and their players.
   * `midi`: per MIDI track its voice, or its frozen clips; `audio`: per audio track its clips.
   */
  private constructor(
    project: Project,
    midi: readonly (PlayableVoice | PlacedClip[])[],
    audio: readonly PlacedClip[][],
    blends: readonly ({ parts: { dry: PlacedClip[]; wet: PlacedClip[] }; share: number } | null)[],
  ) {
    this.transport = new Transport(project.song);
    const clipsOf = (track: PlayableVoice | PlacedClip[]): PlacedClip[] => (Array.isArray(track) ? track : []);
    const channelCounts = [...midi.map((t) => (isStereoTrack(clipsOf(t)) ? 2 : 1)), ...audio.map((c) => (isStereoTrack(c) ? 2 : 1))];
    this.mixer = new Mixer(projectStrips(project), project.masterVolumeDb, channelCounts);
    const addClips = (placed: PlacedClip[], channel: number): void => {
      const track = new ToneClipTrack(placed);
      track.output.connect(this.mixer.channel(channel));
      this.clipTracks.push(track);
    };
    audio.forEach((placed, a) => {
      const blend = blends[a];
      if (blend == null) {
        addClips(placed, midi.length + a);
        return;
      }
      const track = new ToneBlendTrack(blend.parts, blend.share);
      track.output.connect(this.mixer.channel(midi.length + a));
      this.blendTracks.set(midi.length + a, track);
    });
    midi.forEach((track, i) => {
      if (Array.isArray(track)) addClips(track, i);
    });
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

  /** Stops it sounding now (transport stopped, parts muted, notes released, out of the mix), before a slower dispose. */
  silence(): void {
    this.transport.dispose();
    for (const player of this.players) player.mute = true;
    for (const instrument of this.instruments) instrument.releaseAll();
    this.mixer.master.disconnect();
  }

  /** Silences it, then disposes it a part per pause: a part of many notes takes tens of ms to dispose. */
  async disposeInSteps(pause: Pause): Promise<void> {
    this.silence();
    for (let player = this.players.pop(); player !== undefined; player = this.players.pop()) {
      player.dispose();
      await pause();
    }
    this.dispose();
  }

  dispose(): void {
    this.transport.dispose();
    for (const player of this.players.splice(0)) player.dispose();
    for (const instrument of this.instruments.splice(0)) instrument.dispose();
    for (const track of this.clipTracks.splice(0)) track.dispose();
    for (const track of this.blendTracks.values()) track.dispose();
    this.blendTracks.clear();
    this.byTrack.clear();
    if (!this.mixer.master.disposed) this.mixer.dispose();
  }
}
