import { audioDuration, type AudioData } from '../../core/audio/audio-data.ts';
import type { WavBitDepth } from '../../core/audio/wav-write.ts';
import { badInput } from '../../core/errors.ts';
import { ALEA_VERSION, type Provenance } from '../../core/provenance.ts';
import type { Song } from '../../core/music/types.ts';
import type { EnginePort, WorkstationProject } from '../lib/engine-port.ts';
import { baseName, downloadBytes } from '../lib/download.ts';
import { importKind } from '../lib/file-kind.ts';
import { readMidi, readWav, TempoMap, writeMidi } from '../lib/io.ts';
import { BusyState, StatusMessages } from './messages.svelte.ts';
import { TimelineView } from './timeline-view.svelte.ts';
import { TrackState } from './track-state.svelte.ts';
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

/**
 * The open project and everything the user does to it: import, play, mix, export. A failed import
 * or export leaves the project exactly as it was and reports one line in the banner.
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

  readonly tempoMap = $derived(TempoMap.fromSong(this.song));
  readonly noteCount = $derived(this.song.tracks.reduce((sum, track) => sum + track.notes.length, 0));
  readonly endTick = $derived(lastNoteEnd(this.song));
  /** length of the project: the last note's end or the longest clip, whichever is later */
  readonly durationSeconds = $derived(
    Math.max(
      this.tempoMap.tickToSeconds(this.endTick),
      ...this.tracks.map((t) => (t.audio === null ? 0 : audioDuration(t.audio.data))),
    ),
  );
  readonly anySolo = $derived(this.tracks.some((t) => t.soloed));
  readonly isEmpty = $derived(this.tracks.length === 0);

  private readonly engine: EnginePort;
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
    this.engine.unlock().catch((error: unknown) => this.messages.error(error));
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

  /** Changes the tempo, scaling every tempo change so the song keeps its shape. */
  async setBpm(bpm: number): Promise<void> {
    const first = this.song.tempos[0]?.bpm ?? 120;
    if (!Number.isFinite(bpm) || bpm < 20 || bpm > 400 || bpm === first) return;
    const ratio = bpm / first;
    const tempos = this.song.tempos.map((t) => ({ tick: t.tick, bpm: t.bpm * ratio }));
    this.song = { ...this.song, tempos };
    this.transport.rewind();
    await this.reloadEngine();
  }

  /** Sends a track's mixer settings to the engine (call after changing them). */
  applyStrip(track: TrackState): void {
    const index = this.tracks.indexOf(track);
    if (index >= 0) this.engine.setStrip(index, track.strip);
  }

  exportMidi(): void {
    try {
      const bytes = writeMidi(this.song, { generator: GENERATOR, source: this.title });
      downloadBytes(bytes, `${baseName(this.title)}.mid`, 'audio/midi');
      this.messages.info(`Exported ${baseName(this.title)}.mid`);
    } catch (error) {
      this.messages.error(error);
    }
  }

  async exportWav(bitDepth: WavBitDepth): Promise<void> {
    if (this.busy.active) return;
    try {
      const provenance: Provenance = { generator: GENERATOR, source: this.title };
      const bytes = await this.busy.run('Rendering WAV', (report) =>
        this.engine.renderWav(this.project(), { sampleRate: EXPORT_SAMPLE_RATE, bitDepth, provenance }, report),
      );
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

  private async importFrom(fileName: string, read: () => Promise<Uint8Array>): Promise<void> {
    try {
      const kind = importKind(fileName);
      const bytes = await read();
      if (kind === 'midi') await this.openMidi(bytes, fileName);
      else await this.addAudioClip(bytes, fileName);
    } catch (error) {
      this.messages.error(error);
    }
  }

  private async openMidi(bytes: Uint8Array, fileName: string): Promise<void> {
    const song = readMidi(bytes, fileName); // throws before anything changes
    this.transport.rewind();
    const tracks = song.tracks.map((track, index) => TrackState.forMidi(this.nextTrackId++, index, track, ''));
    const labels = await this.engine.load(this.projectOf(song, tracks));
    tracks.forEach((track, index) => (track.instrument = labels[index] ?? ''));
    this.song = song;
    this.tracks = tracks;
    this.title = fileName;
    this.view.scrollPx = 0;
    this.messages.info(`Opened ${fileName}: ${song.tracks.length} tracks, ${this.noteCount} notes`);
  }

  private async addAudioClip(bytes: Uint8Array, fileName: string): Promise<void> {
    const { audio } = readWav(bytes, fileName);
    this.transport.rewind();
    const clip = TrackState.forAudio(this.nextTrackId++, this.tracks.length, baseName(fileName), audio);
    const tracks = [...this.tracks, clip];
    await this.engine.load(this.projectOf(this.song, tracks));
    this.tracks = tracks;
    if (this.song.tracks.length === 0) this.title = fileName;
    this.messages.info(`Added ${fileName} as an audio track (${audioDuration(audio).toFixed(1)} s)`);
  }

  private async reloadEngine(): Promise<void> {
    await this.engine.load(this.project());
  }

  private project(): WorkstationProject {
    return this.projectOf(this.song, this.tracks);
  }

  private projectOf(song: Song, tracks: TrackState[]): WorkstationProject {
    const clips: { name: string; audio: AudioData; strip: TrackState['strip'] }[] = [];
    const midiStrips: TrackState['strip'][] = [];
    for (const track of tracks) {
      if (track.audio !== null) clips.push({ name: track.name, audio: track.audio.data, strip: track.strip });
      else midiStrips.push(track.strip);
    }
    return { song, midiStrips, clips };
  }
}
