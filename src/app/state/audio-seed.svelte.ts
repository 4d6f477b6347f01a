import type { ModelRef, Provenance } from '../../core/provenance.ts';
import type { Song } from '../../core/music/types.ts';
import { defaultClips } from '../../engine/index.ts';
import { withTranscribedSeed } from '../../ml/transcribe/info.ts';
import { tempoFromProvenance } from '../../ml/transcribe/to-song.ts';
import type { ParamValues } from '../../plugins/types.ts';
import { errorToLine } from '../lib/error-line.ts';
import { PROJECT_EXTENSION } from '../lib/project-file.ts';
import { locateWav } from '../../core/audio/wav-read.ts';
import { TempoMap } from '../lib/io.ts';
import { readImportedWav } from '../lib/read-import.ts';
import { placeTranscription, seedTranscriber, type PlacedTranscription } from '../lib/transcription.ts';
import type { TranscribedNote } from '../../ml/transcribe/notes.ts';
import { transcribeInWorker } from '../worker/transcribe-request.ts';
import { isAbortError } from '../worker/worker-client.ts';
import type { BackendStatus } from './backend-status.svelte.ts';
import { freshColor, withRows } from './project-rows.ts';
import { TrackState } from './track-state.svelte.ts';
import type { Workstation } from './workstation.svelte.ts';

/** The transcription last added, as the seed picker shows it. */
export interface Transcription {
  fileName: string;
  trackName: string;
  notes: number;
}

/**
 * Audio seeds for the generator panel: a WAV (a hum, a sung or played melody), chosen or dropped
 * on the panel, is transcribed in the ML worker (progress, Cancel) onto a new MIDI track the user
 * sees and can edit in the piano roll, and that track becomes the seed. Undo takes it away.
 */
export class AudioSeedSession {
  busy = $state(false);
  fraction = $state(0);
  problem = $state<string | null>(null);
  last = $state.raw<Transcription | null>(null);

  private abort: AbortController | null = null;
  /** tracks transcribed here, by name, with the model that did it (for the continuation's provenance) */
  private readonly transcribed = new Map<string, ModelRef>();
  private readonly workstation: Workstation;
  private readonly backend: BackendStatus;
  /** makes the new track the generator's seed track */
  private readonly useTrack: (index: number) => void;

  constructor(workstation: Workstation, backend: BackendStatus, useTrack: (index: number) => void) {
    this.workstation = workstation;
    this.backend = backend;
    this.useTrack = useTrack;
  }

  static isWav(fileName: string): boolean {
    return /\.wave?$/i.test(fileName);
  }

  cancel(): void {
    this.abort?.abort();
  }

  /** Transcribes a WAV onto a new track and makes it the seed. */
  async transcribe(file: File): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.problem = null;
    this.fraction = 0;
    this.abort = new AbortController();
    const fileName = file.name;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const audio = readImportedWav(bytes, fileName); // a broken WAV: the line an import gives
      const bpm = tempoFromProvenance(locateWav(bytes).provenance); // the metadata only, read after the checks above
      const worker = await this.backend.worker;
      const { notes, model } = await transcribeInWorker(worker, audio, {
        signal: this.abort.signal,
        onProgress: (p) => (this.fraction = p.fraction),
      });
      await this.addTrack(fileName, notes, model, bpm);
    } catch (error) {
      // the worker's lines say what is wrong with the audio; they name the file here
      if (!isAbortError(error)) this.problem = errorToLine(error).startsWith(fileName) ? errorToLine(error) : `${fileName}: ${errorToLine(error)}`;
    } finally {
      this.busy = false;
      this.abort = null;
    }
  }

  /**
   * Files dropped on the generator panel: the first WAV is transcribed; MIDI files open as they
   * would anywhere else in the window.
   */
  async dropped(files: readonly File[]): Promise<void> {
    const wav = files.find((f) => AudioSeedSession.isWav(f.name));
    if (wav !== undefined) {
      await this.transcribe(wav);
      return;
    }
    for (const file of files) {
      if (file.name.toLowerCase().endsWith(PROJECT_EXTENSION)) this.problem = `${file.name}: open project files from the Project menu`;
      else await this.workstation.importFile(file);
    }
  }

  /** `provenance` saying the seed was transcribed, when the seed track is a transcription. */
  mark(provenance: Provenance, seed: Song, params: ParamValues): Provenance {
    const model = seedTranscriber(seed, Number(params.track ?? -1), this.transcribed);
    return model === undefined ? provenance : withTranscribedSeed(provenance, model);
  }

  private async addTrack(fileName: string, notes: TranscribedNote[], model: ModelRef, bpm: number | undefined): Promise<void> {
    const ws = this.workstation;
    const made: { placed: PlacedTranscription | null; rowId: number } = { placed: null, rowId: -1 };
    const done = await ws.edit(`Transcribe ${fileName}`, (s) => {
      const placed = placeTranscription(s.song, notes, fileName, bpm);
      const rowId = ws.newTrackId();
      const grid = TempoMap.fromSong(placed.song);
      const row = TrackState.forMidi(rowId, s.tracks.length, placed.track, '', defaultClips(placed.track.notes, grid), freshColor(s.tracks));
      Object.assign(made, { placed, rowId });
      // an empty project is named after the recording, as an imported WAV names it
      const title = s.tracks.length === 0 ? fileName : s.title;
      return { ...withRows(s, [...s.tracks, row], placed.song), title };
    });
    if (!done || made.placed === null) return;
    const { track, index } = made.placed;
    this.transcribed.set(track.name, model);
    ws.selection.reset(made.rowId);
    this.useTrack(index);
    this.last = { fileName, trackName: track.name, notes: track.notes.length };
    ws.messages.info(`Transcribed ${track.notes.length} notes from ${fileName} onto "${track.name}": fix them in the piano roll, then Generate`);
  }
}
