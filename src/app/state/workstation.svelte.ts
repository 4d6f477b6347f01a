import type { AudioData } from '../../core/audio/audio-data.ts';
import type { WavBitDepth } from '../../core/audio/wav-write.ts';
import { ALEA_VERSION, type Provenance } from '../../core/provenance.ts';
import type { Song } from '../../core/music/types.ts';
import type { InstrumentVoice } from '../../plugins/types.ts';
import type { VariationNotes } from '../lib/continuation.ts';
import type { BuiltVoice } from '../worker/protocol.ts';
import type { ClipBlend, WorkstationProject } from '../lib/engine-port.ts';
import { baseName, downloadBytes } from '../lib/download.ts';
import { importKind } from '../lib/file-kind.ts';
import { TempoMap, writeMidi } from '../lib/io.ts';
import { readImportedMidi } from '../lib/read-import.ts';
import { prepareAudioFile, type PrepareAudio } from '../lib/audio-prep-client.ts';
import type { PreparedAudio } from '../lib/audio-prep.ts';
import { rememberRunBlob } from '../lib/project-file.ts';
import { rememberConversion } from '../../engine/index.ts';
import { matchTracks } from '../lib/track-match.ts';
import { voiceKey } from '../lib/built-voices.ts';
import { ClipActions } from './clip-actions.ts';
import { NoteActions } from './note-actions.ts';
import { clipsOfPlacements, continuedRow, freshColor, lastNoteEnd, midiRowsFor, withRows } from './project-rows.ts';
import { ProjectState } from './project-state.svelte.ts';
import { RollSettings } from './roll-settings.svelte.ts';
import { RackActions } from '../components/rack/rack-actions.svelte.ts';
import { Recording } from './recording.svelte.ts';
import { TrackActions } from './track-actions.ts';
import { TrackState } from './track-state.svelte.ts';
import { continuedTitle, mapVoices, type VoiceMapping } from './variation-accept.ts';

export type { WavBitDepth };
export type { SongPreview } from './project-state.svelte.ts';
export const EXPORT_SAMPLE_RATE = 44100;
const GENERATOR = `Alea ${ALEA_VERSION} workstation`;

/**
 * The open project and everything the user does to it: import, play, mix, edit, preview and
 * accept generated songs, undo, export. Every change is one step of the history; a failed import
 * or edit leaves the project exactly as it was and reports one line in the banner. Edits are the
 * engine's pure functions (src/engine/edit), made by `clipEdits`, `noteEdits` and `trackEdits`.
 */
export class Workstation extends ProjectState {
  /**
   * Asked before a MIDI import replaces the project (the project store warns about unsaved work
   * there); resolving false keeps the project as it is.
   */
  confirmReplace: (fileName: string) => Promise<boolean> = () => Promise.resolve(true);
  /** Called once an imported MIDI is open (the app gives its tracks their GM instruments). */
  afterMidiOpened: () => void = () => {};
  /**
   * Settles once no track's instrument is still being built (the app's GM voices, built in the ML
   * worker): a WAV export waits for it, so the file sounds as the tracks will, not their stand-ins.
   */
  instrumentsBuilt: () => Promise<void> = () => Promise.resolve();

  /** Decodes, resamples and measures an imported WAV (in a worker in the page). */
  prepareAudio: PrepareAudio = prepareAudioFile;

  /** The live AudioContext's rate, which audio is resampled to off the UI thread (null: none). */
  async liveSampleRate(): Promise<number | null> {
    return (await this.engine.liveSampleRate?.()) ?? null;
  }

  private audioUnlocked = false;
  readonly clipEdits = new ClipActions(this);
  readonly noteEdits = new NoteActions(this);
  readonly trackEdits = new TrackActions(this);
  /** the piano roll's grid, tool and note length */
  readonly roll = new RollSettings();
  /** the open plugin rack and the mixer, and their edits */
  readonly rack = new RackActions(this);
  /** computer keyboard, MIDI input, metronome and recording */
  readonly recording = new Recording(this, this.engine);

  /** The mixer's levels now (dB per track, MIDI then audio, then the master); null before anything plays. */
  levels(): number[] | null {
    return this.engine.levels?.() ?? null;
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
   * GM program's default again when null. With a `label` (the user chose it) it is one undoable
   * step (joining the last one with the same `mergeKey`); without (a GM voice landing after an
   * import) it is kept through undo, like the mixer.
   */
  async setTrackInstrument(track: TrackState, built: BuiltVoice | null, label?: string, mergeKey?: string): Promise<void> {
    if (label !== undefined) return this.chooseInstrument(track.id, built, label, mergeKey);
    // not a new song: playback carries on (a GM voice landing after an import never rewinds)
    await this.reload(() => this.putInstrument(track.id, built));
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

  /** One note now on a MIDI row's own instrument (the piano roll auditions notes with it). */
  audition(row: TrackState, pitch: number, velocity = 0.8, seconds = 0.4): void {
    const index = this.midiIndex(row);
    if (index < 0 || this.preview !== null) return;
    this.unlockAudio();
    this.engine.auditionTrack(index, pitch, velocity, seconds);
  }

  /** Whether a track is heard, given mutes and solos. */
  audible(track: TrackState): boolean {
    return !track.muted && (!this.anySolo || track.soloed);
  }

  /** A row's place among the MIDI rows: its track's index in the song (−1 for audio rows). */
  midiIndex(row: TrackState): number {
    return this.tracks.filter((t) => t.midi !== null).findIndex((t) => t.id === row.id);
  }

  /** A file from the picker or dropped on the window: MIDI opens as the song, WAV adds a clip. */
  async importFile(file: File): Promise<void> {
    await this.importFrom(file.name, async () => new Uint8Array(await file.arrayBuffer()));
  }

  /** A shipped sample, fetched from the app's own samples/ folder. */
  async loadSample(url: string, fileName: string): Promise<void> {
    await this.importFrom(fileName, async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`could not load the sample (HTTP ${response.status})`);
      return new Uint8Array(await response.arrayBuffer());
    });
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
    await this.loader.request(this.projectOf(song, owners, this.clipRows()));
    this.preview = { song, notes, fromTick, owners };
    // Show the new notes: when they run past the view, put the join a quarter of the way in.
    const pxPerTick = this.view.pxPerTick(song.ppq);
    const [joinX, endX] = [fromTick * pxPerTick, lastNoteEnd(song) * pxPerTick];
    if (joinX < this.view.scrollPx || endX > this.view.scrollPx + this.view.viewportWidth) {
      this.view.scrollPx = Math.max(0, joinX - this.view.viewportWidth / 4);
    }
  }

  /**
   * Makes `song` the project's song (a Continue variation the user accepted), keeping the audio
   * tracks and, for tracks it continues, each row, its clips and mixer settings; new material
   * gets clips of its own. `voices` puts a chorale's voices on tracks of their own. Exports are
   * named after the continuation from then on. Undoable.
   */
  async acceptSong(song: Song, provenance: Provenance, label: string, voices?: VoiceMapping): Promise<void> {
    const before = this.snapshot();
    const mapped = voices === undefined ? { song, added: [] } : mapVoices(song, voices);
    const owners = this.ownersFor(mapped.song);
    const grid = TempoMap.fromSong(mapped.song);
    const rows: TrackState[] = [];
    mapped.song.tracks.forEach((track, i) => {
      const owner = owners[i];
      const row = owner == null ? midiRowsFor({ ...mapped.song, tracks: [track] }, () => this.nextTrackId++)[0] : continuedRow(owner, track, grid);
      rows.push(owner == null ? row.with({ color: freshColor([...this.tracks, ...rows]) }) : row);
    });
    const next = withRows(before, [...rows, ...this.clipRows()], mapped.song);
    const title = continuedTitle(this.title, provenance);
    await this.apply({ ...next, title, provenance: { source: this.title, ...provenance } });
    this.remember(before, label);
  }

  /**
   * Adds processed audio (a Remix of a clip) as a new audio track beside the others; with
   * `blend`, mixed live with the original it was made from (see `setBlend`). Undoable.
   */
  async addAudioTrack(name: string, audio: AudioData, label: string, blend?: ClipBlend): Promise<void> {
    const before = this.snapshot();
    const row = TrackState.forAudio(this.nextTrackId++, this.tracks.length, name, audio, freshColor(this.tracks));
    if (blend !== undefined) this.trackBlends = new Map(this.trackBlends).set(row.id, blend);
    const tracks = [...this.tracks, row];
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
    const midi = midiRowsFor(project.song, () => this.nextTrackId++, project.midiClips).map((row, i) => {
      const rack = project.racks?.[i];
      return rack === undefined ? row : row.with({ rack });
    });
    midi.forEach((row, i) => {
      const state = project.instruments?.[i];
      const built = state == null ? undefined : voices.get(voiceKey(state.plugin, state.params, state.data));
      if (built !== undefined) instruments.set(row.id, built);
    });
    const clips = project.clips.map((clip, i) => {
      const row = TrackState.forAudio(this.nextTrackId++, midi.length + i, clip.name, clip.audio);
      if (clip.blend !== undefined) this.trackBlends = new Map(this.trackBlends).set(row.id, clip.blend);
      const placed = clip.placements === undefined ? row : row.with({ audioClips: clipsOfPlacements(clip.placements) });
      return clip.chain === undefined || clip.chain.length === 0 ? placed : placed.with({ rack: { ...placed.rack, chain: clip.chain } });
    });
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
      await this.busy.run('Building instruments', () => this.instrumentsBuilt());
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
    this.recording.dispose();
    this.transport.dispose();
    this.engine.dispose();
  }

  private exportProvenance(): Provenance {
    return this.provenance ?? { generator: GENERATOR, source: this.title };
  }

  private async importFrom(fileName: string, read: () => Promise<Uint8Array>): Promise<void> {
    try {
      const kind = importKind(fileName);
      const bytes = await read().catch((error: unknown) => {
        throw new Error(`${fileName}: ${error instanceof Error ? error.message : String(error)}`);
      });
      // a MIDI replaces the project: read first (a broken file asks nothing), then ask about unsaved work
      const song = kind === 'midi' ? readImportedMidi(bytes, fileName) : null;
      if (song !== null && !(await this.confirmReplace(fileName))) return;
      // the long passes over the audio run off the UI thread while the busy bar shows progress
      const liveRate = song === null ? ((await this.engine.liveSampleRate?.()) ?? null) : null;
      const prepared = song === null ? await this.busy.run(`Preparing ${fileName}…`, (report) => this.prepareAudio(bytes, fileName, liveRate, report)) : null;
      await this.enqueue(async () => {
        const before = this.snapshot();
        if (song !== null) await this.openMidi(song, fileName);
        else if (prepared !== null) await this.addAudioClip(prepared, fileName);
        this.remember(before, `Import ${fileName}`);
      });
      if (song !== null) this.afterMidiOpened();
    } catch (error) {
      this.messages.error(error);
    }
  }

  private async openMidi(song: Song, fileName: string): Promise<void> {
    const tracks = midiRowsFor(song, () => this.nextTrackId++);
    await this.apply({ song, title: fileName, provenance: null, tracks, strips: tracks.map((t) => t.strip) });
    this.view.scrollPx = 0;
    this.selection.reset(tracks[0]?.id ?? null);
    this.messages.info(`Opened ${fileName}: ${song.tracks.length} tracks, ${this.noteCount} notes`);
  }

  private async addAudioClip(prepared: PreparedAudio, fileName: string): Promise<void> {
    // the live engine plays the worker's conversion instead of resampling on this thread
    if (prepared.live !== null) rememberConversion(prepared.audio, prepared.live);
    rememberRunBlob(prepared.audio.channels, prepared.blob);
    const clip = TrackState.forAudio(this.nextTrackId++, this.tracks.length, baseName(fileName), prepared.audio, freshColor(this.tracks), prepared.peaks);
    const title = this.song.tracks.length === 0 ? fileName : this.title;
    const tracks = [...this.tracks, clip];
    await this.apply({ ...this.snapshot(), title, tracks, strips: tracks.map((t) => t.strip) });
    this.messages.info(`Added ${fileName} as an audio track (${clip.sourceSeconds.toFixed(1)} s)`);
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

}
