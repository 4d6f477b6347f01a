import { audioDuration, type AudioData } from '../../core/audio/audio-data.ts';
import type { WavBitDepth } from '../../core/audio/wav-write.ts';
import { badInput } from '../../core/errors.ts';
import { ALEA_VERSION, type Provenance } from '../../core/provenance.ts';
import type { Song } from '../../core/music/types.ts';
import type { InstrumentVoice, PluginState } from '../../plugins/types.ts';
import type { VariationNotes } from '../lib/continuation.ts';
import { appRegistry } from '../lib/plugin-list.ts';
import type { BuiltVoice } from '../worker/protocol.ts';
import type { EnginePort, WorkstationProject } from '../lib/engine-port.ts';
import { baseName, downloadBytes } from '../lib/download.ts';
import { importKind } from '../lib/file-kind.ts';
import { readMidi, readWav, TempoMap, writeMidi } from '../lib/io.ts';
import { matchTracks } from '../lib/track-match.ts';
import { voiceKey } from '../lib/built-voices.ts';
import { UndoStack, type UndoStep } from '../lib/undo-stack.ts';
import { BusyState, StatusMessages } from './messages.svelte.ts';
import { restoreStrips, takeSnapshot, type ProjectSnapshot } from './project-history.ts';
import { TimelineView } from './timeline-view.svelte.ts';
import { DEFAULT_STRIP, TrackState, type StripSettings } from './track-state.svelte.ts';
import { TransportState } from './transport.svelte.ts';

export type { WavBitDepth };
export const EXPORT_SAMPLE_RATE = 44100;
const GENERATOR = `Alea ${ALEA_VERSION} workstation`;

function emptySong(): Song {
  return {
    name: 'Untitled',
    ppq: 480,
    tracks: [],
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    keySignatures: [],
    texts: [],
  };
}

function lastNoteEnd(song: Song): number {
  let end = 0;
  for (const track of song.tracks) for (const note of track.notes) if (note.endTick > end) end = note.endTick;
  return end;
}

/** A song heard and shown in place of the project's (a Continue variation), not yet accepted. */
export interface SongPreview {
  song: Song;
  /** the preview's notes, each track split into the project's and the new ones */
  notes: VariationNotes;
  /** where the new material begins */
  fromTick: number;
  /** for each preview track, the project row whose colour and mixer settings it borrows */
  owners: (TrackState | null)[];
}

/**
 * The open project and everything the user does to it: import, play, mix, preview and accept
 * generated songs, undo, export. A failed import or export leaves the project exactly as it was
 * and reports one line in the banner.
 */
export class Workstation {
  readonly messages = new StatusMessages();
  readonly busy = new BusyState();
  readonly view = new TimelineView();
  readonly transport: TransportState;

  song = $state.raw<Song>(emptySong());
  /** the name exports are based on */
  title = $state('Untitled');
  tracks = $state<TrackState[]>([]);
  /** how the song was made when a generator wrote it; exports carry it */
  provenance = $state.raw<Provenance | null>(null);
  preview = $state.raw<SongPreview | null>(null);
  /** the change Undo / Redo would take back or make again, null when there is none */
  undoLabel = $state<string | null>(null);
  redoLabel = $state<string | null>(null);
  /** instruments put on MIDI tracks by a panel (Latent Synth), by track id, with the voice built for each */
  trackInstruments = $state.raw<ReadonlyMap<number, BuiltVoice>>(new Map());

  /** what plays and what the piano roll shows: the preview if there is one, else the song */
  readonly shownSong = $derived(this.preview?.song ?? this.song);
  readonly tempoMap = $derived(TempoMap.fromSong(this.shownSong));
  readonly noteCount = $derived(this.song.tracks.reduce((sum, track) => sum + track.notes.length, 0));
  readonly endTick = $derived(lastNoteEnd(this.shownSong));
  /** length of the project: the last note's end or the longest clip, whichever is later */
  readonly durationSeconds = $derived(
    Math.max(
      this.tempoMap.tickToSeconds(this.endTick),
      ...this.tracks.map((t) => (t.audio === null ? 0 : audioDuration(t.audio.data))),
    ),
  );
  readonly anySolo = $derived(this.tracks.some((t) => t.soloed));
  readonly isEmpty = $derived(this.tracks.length === 0);

  /**
   * Asked before a MIDI import replaces the project (the project store warns about unsaved work
   * there); resolving false keeps the project as it is.
   */
  confirmReplace: (fileName: string) => Promise<boolean> = () => Promise.resolve(true);

  private readonly engine: EnginePort;
  private readonly history = new UndoStack<ProjectSnapshot>(50);
  private nextTrackId = 1;
  private audioUnlocked = false;

  constructor(engine: EnginePort) {
    this.engine = engine;
    this.transport = new TransportState(engine, () => this.durationSeconds);
  }

  /** Starts audio on the first user gesture (browsers refuse it before one). */
  unlockAudio(): void {
    if (this.audioUnlocked) return;
    this.audioUnlocked = true;
    this.engine.unlock().catch((error: unknown) => {
      this.audioUnlocked = false; // the next gesture tries again
      this.messages.error(error);
    });
  }

  /**
   * Plays a MIDI track with `built` (an instrument whose voice the ML worker built), or with its
   * GM program's default again when null. Kept through undo, like the mixer.
   */
  async setTrackInstrument(track: TrackState, built: BuiltVoice | null): Promise<void> {
    const next = new Map(this.trackInstruments);
    if (built === null) next.delete(track.id);
    else next.set(track.id, built);
    const previous = this.trackInstruments;
    this.trackInstruments = next;
    try {
      await this.apply(this.snapshot());
    } catch (error) {
      this.trackInstruments = previous;
      throw error;
    }
  }

  /** The voice the computer keyboard and audition buttons play. */
  setKeysVoice(voice: InstrumentVoice | null): void {
    this.engine.setKeysVoice(voice);
  }

  /** One note of that voice now (MIDI pitch, velocity 0..1, seconds). */
  strike(pitch: number, velocity: number, seconds: number): void {
    this.unlockAudio();
    this.engine.strike(pitch, velocity, seconds);
  }

  /** Whether a track is heard, given mutes and solos. */
  audible(track: TrackState): boolean {
    return !track.muted && (!this.anySolo || track.soloed);
  }

  /** A file from the picker or dropped on the window: MIDI opens as the song, WAV adds a clip. */
  async importFile(file: File): Promise<void> {
    await this.importFrom(file.name, async () => new Uint8Array(await file.arrayBuffer()));
  }

  /** A shipped sample, fetched from the app's own samples/ folder. */
  async loadSample(url: string, fileName: string): Promise<void> {
    await this.importFrom(fileName, async () => {
      const response = await fetch(url);
      if (!response.ok) throw badInput(`could not load the sample (HTTP ${response.status})`, fileName);
      return new Uint8Array(await response.arrayBuffer());
    });
  }

  /** Changes the tempo, scaling every tempo change so the song keeps its shape. Undoable. */
  async setBpm(bpm: number): Promise<void> {
    const first = this.song.tempos[0]?.bpm ?? 120;
    if (!Number.isFinite(bpm) || bpm < 20 || bpm > 400 || bpm === first) return;
    const ratio = bpm / first;
    const tempos = this.song.tempos.map((t) => ({ tick: t.tick, bpm: t.bpm * ratio }));
    const before = this.snapshot();
    await this.apply({ ...before, song: { ...this.song, tempos } });
    this.remember(before, `Tempo ${Math.round(bpm)} bpm`);
  }

  /** Sends a track's mixer settings to the engine (call after changing them). */
  applyStrip(track: TrackState): void {
    const index = this.engineOrder().indexOf(track);
    if (index >= 0) this.engine.setStrip(index, track.strip);
  }

  /**
   * Hears and shows `song` in place of the project's until `endPreview` or `acceptSong`: tracks
   * that continue a project track keep its colour and mixer settings.
   */
  async startPreview(song: Song, notes: VariationNotes, fromTick: number): Promise<void> {
    const owners = this.ownersFor(song);
    this.transport.rewind();
    const clips = this.tracks.filter((t) => t.audio !== null);
    await this.engine.load(this.projectOf(song, owners, clips));
    this.preview = { song, notes, fromTick, owners };
    // Show the new notes: when they run past the view, put the join a quarter of the way in.
    const pxPerTick = this.view.pxPerTick(song.ppq);
    const [joinX, endX] = [fromTick * pxPerTick, lastNoteEnd(song) * pxPerTick];
    if (joinX < this.view.scrollPx || endX > this.view.scrollPx + this.view.viewportWidth) {
      this.view.scrollPx = Math.max(0, joinX - this.view.viewportWidth / 4);
    }
  }

  async endPreview(): Promise<void> {
    if (this.preview === null) return;
    this.transport.rewind();
    this.preview = null;
    await this.engine.load(this.projectOf(this.song, this.midiRows(), this.clipRows()));
  }

  /**
   * Makes `song` the project's song (a Continue variation the user accepted), keeping the clips
   * and, for tracks it continues, each track's row and mixer settings. Undoable.
   */
  async acceptSong(song: Song, provenance: Provenance, label: string): Promise<void> {
    const before = this.snapshot();
    const owners = this.ownersFor(song);
    const rows = song.tracks.map((track, i) => owners[i]?.withMidi(track) ?? TrackState.forMidi(this.nextTrackId++, i, track, ''));
    const tracks = [...rows, ...this.clipRows()];
    await this.apply({ ...before, song, provenance: { source: this.title, ...provenance }, tracks, strips: tracks.map((t) => t.strip) });
    this.remember(before, label);
  }

  /** Adds processed audio (a Remix of a clip) as a new audio track beside the others. Undoable. */
  async addAudioTrack(name: string, audio: AudioData, label: string): Promise<void> {
    const before = this.snapshot();
    const tracks = [...this.tracks, TrackState.forAudio(this.nextTrackId++, this.tracks.length, name, audio)];
    await this.apply({ ...before, tracks, strips: tracks.map((t) => t.strip) });
    this.remember(before, label);
  }

  /** What the project holds now (a project file or an autosave stores it). */
  currentProject(): WorkstationProject {
    return this.project();
  }

  /**
   * Replaces the whole project (New, Open, a restored autosave); undoable like an import. An
   * instrument is kept only with its built voice among `project.voices`.
   */
  async replaceProject(project: WorkstationProject, title: string, provenance: Provenance | null, label: string): Promise<void> {
    const before = this.snapshot();
    const voices = new Map((project.voices ?? []).map((v) => [voiceKey(v.plugin, v.params, v.data), v]));
    const instruments = new Map<number, BuiltVoice>();
    const midi = project.song.tracks.map((track, i) => {
      const row = TrackState.forMidi(this.nextTrackId++, i, track, '');
      const state = project.instruments?.[i];
      const built = state == null ? undefined : voices.get(voiceKey(state.plugin, state.params, state.data));
      if (built !== undefined) instruments.set(row.id, built);
      return row;
    });
    const clips = project.clips.map((clip, i) => TrackState.forAudio(this.nextTrackId++, midi.length + i, clip.name, clip.audio));
    const tracks = [...midi, ...clips];
    const strips = [...project.midiStrips, ...project.clips.map((c) => c.strip)];
    const previous = this.trackInstruments;
    // old rows keep theirs, so Undo brings the project before back as it played
    this.trackInstruments = new Map([...previous, ...instruments]);
    try {
      await this.apply({ song: project.song, title, provenance, tracks, strips });
    } catch (error) {
      this.trackInstruments = previous;
      throw error;
    }
    this.view.scrollPx = 0;
    this.remember(before, label);
  }

  async undo(): Promise<void> {
    await this.travel((current) => this.history.undo(current), 'Undid');
  }

  async redo(): Promise<void> {
    await this.travel((current) => this.history.redo(current), 'Redid');
  }

  exportMidi(): void {
    try {
      const bytes = writeMidi(this.song, this.exportProvenance());
      downloadBytes(bytes, `${baseName(this.title)}.mid`, 'audio/midi');
      this.messages.info(`Exported ${baseName(this.title)}.mid`);
    } catch (error) {
      this.messages.error(error);
    }
  }

  async exportWav(bitDepth: WavBitDepth): Promise<void> {
    if (this.busy.active) return;
    try {
      const options = { sampleRate: EXPORT_SAMPLE_RATE, bitDepth, provenance: this.exportProvenance() };
      const bytes = await this.busy.run('Rendering WAV', (report) => this.engine.renderWav(this.project(), options, report));
      const name = `${baseName(this.title)}.wav`;
      downloadBytes(bytes, name, 'audio/wav');
      this.messages.info(`Exported ${name} (${bitDepth === '32f' ? '32-bit float' : `${bitDepth}-bit`})`);
    } catch (error) {
      this.messages.error(error);
    }
  }

  dispose(): void {
    this.transport.dispose();
    this.engine.dispose();
  }

  private exportProvenance(): Provenance {
    return this.provenance ?? { generator: GENERATOR, source: this.title };
  }

  private async importFrom(fileName: string, read: () => Promise<Uint8Array>): Promise<void> {
    try {
      const kind = importKind(fileName);
      if (kind === 'midi' && !(await this.confirmReplace(fileName))) return;
      const bytes = await read();
      const before = this.snapshot();
      if (kind === 'midi') await this.openMidi(bytes, fileName);
      else await this.addAudioClip(bytes, fileName);
      this.remember(before, `Import ${fileName}`);
    } catch (error) {
      this.messages.error(error);
    }
  }

  private async openMidi(bytes: Uint8Array, fileName: string): Promise<void> {
    const song = readMidi(bytes, fileName); // throws before anything changes
    const tracks = song.tracks.map((track, index) => TrackState.forMidi(this.nextTrackId++, index, track, ''));
    await this.apply({ song, title: fileName, provenance: null, tracks, strips: tracks.map((t) => t.strip) });
    this.view.scrollPx = 0;
    this.messages.info(`Opened ${fileName}: ${song.tracks.length} tracks, ${this.noteCount} notes`);
  }

  private async addAudioClip(bytes: Uint8Array, fileName: string): Promise<void> {
    const { audio } = readWav(bytes, fileName);
    const clip = TrackState.forAudio(this.nextTrackId++, this.tracks.length, baseName(fileName), audio);
    const title = this.song.tracks.length === 0 ? fileName : this.title;
    const tracks = [...this.tracks, clip];
    await this.apply({ ...this.snapshot(), title, tracks, strips: tracks.map((t) => t.strip) });
    this.messages.info(`Added ${fileName} as an audio track (${audioDuration(audio).toFixed(1)} s)`);
  }

  /** Loads a project state into the engine, then shows it (a refused load changes nothing). */
  private async apply(next: ProjectSnapshot): Promise<void> {
    this.transport.rewind();
    const midi = next.tracks.filter((t) => t.midi !== null);
    const stripOf = new Map(next.tracks.map((t, i) => [t, next.strips[i]]));
    const clips = next.tracks.filter((t) => t.audio !== null);
    const labels = await this.engine.load(this.projectOf(next.song, midi, clips, (t) => stripOf.get(t) ?? t.strip));
    restoreStrips(next);
    midi.forEach((track, i) => (track.instrument = labels[i] ?? track.instrument));
    this.preview = null;
    this.song = next.song;
    this.title = next.title;
    this.provenance = next.provenance;
    this.tracks = next.tracks;
  }

  private async travel(step: (current: ProjectSnapshot) => UndoStep<ProjectSnapshot> | null, done: string): Promise<void> {
    const target = step(this.snapshot());
    if (target === null) return;
    // The mixer is not part of the history: a track that is still there keeps its settings as they are now.
    const live = new Map(this.tracks.map((t) => [t.id, t.strip]));
    const strips = target.state.tracks.map((t, i) => live.get(t.id) ?? target.state.strips[i]);
    try {
      await this.apply({ ...target.state, strips });
      this.messages.info(`${done}: ${target.label}`);
    } catch (error) {
      this.messages.error(error);
    }
    this.refreshHistory();
  }

  private snapshot(): ProjectSnapshot {
    return takeSnapshot(this.song, this.title, this.provenance, this.tracks);
  }

  private remember(before: ProjectSnapshot, label: string): void {
    this.history.record(before, label);
    this.refreshHistory();
  }

  private refreshHistory(): void {
    this.undoLabel = this.history.undoLabel;
    this.redoLabel = this.history.redoLabel;
  }

  private midiRows(): TrackState[] {
    return this.tracks.filter((t) => t.midi !== null);
  }

  private clipRows(): TrackState[] {
    return this.tracks.filter((t) => t.audio !== null);
  }

  /** For each track of `song`, the project row it continues, if any. */
  private ownersFor(song: Song): (TrackState | null)[] {
    const rows = this.midiRows();
    const matches = matchTracks(this.song.tracks.map((t) => t.name), song.tracks.map((t) => t.name));
    return matches.map((index) => (index === null ? null : (rows[index] ?? null)));
  }

  /** The rows in the engine's track order (MIDI tracks of what plays, then clips). */
  private engineOrder(): (TrackState | null)[] {
    return [...(this.preview?.owners ?? this.midiRows()), ...this.clipRows()];
  }

  private project(): WorkstationProject {
    return this.projectOf(this.song, this.midiRows(), this.clipRows());
  }

  /** What the engine plays: `song` through the strips of `midi` (by position), then the clips. */
  private projectOf(
    song: Song,
    midi: (TrackState | null)[],
    clips: TrackState[],
    stripOf: (track: TrackState) => StripSettings = (t) => t.strip,
  ): WorkstationProject {
    const strip = (track: TrackState | null | undefined): StripSettings => (track == null ? { ...DEFAULT_STRIP } : stripOf(track));
    const built = song.tracks.map((_, i) => {
      const row = midi[i];
      return row == null ? undefined : this.trackInstruments.get(row.id);
    });
    return {
      song,
      midiStrips: song.tracks.map((_, i) => strip(midi[i])),
      clips: clips.flatMap((t) => (t.audio === null ? [] : [{ name: t.name, audio: t.audio.data, strip: strip(t) }])),
      instruments: built.map((b) => (b === undefined ? null : instrumentState(b))),
      voices: built.filter((b): b is BuiltVoice => b !== undefined),
    };
  }
}

/** The instance state of an instrument a panel built. */
function instrumentState(built: BuiltVoice): PluginState {
  const { version } = appRegistry().get(built.plugin).descriptor;
  return { plugin: built.plugin, version, params: built.params, bypass: false, ...(built.data === undefined ? {} : { data: built.data }) };
}
