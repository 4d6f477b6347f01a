/**
 * A generator's seed file: a MIDI file as it is, or a WAV (a hum, a sung or played melody)
 * transcribed to notes first with Basic Pitch. A broken WAV gets the same one line as anywhere in
 * Alea (core's reader); a WAV with no notes in it, one line saying so (exit 1).
 */
import { basename, extname } from 'node:path';
import { audioLength } from '../../core/audio/audio-data.ts';
import { readWav } from '../../core/audio/wav-read.ts';
import { badInput, isAleaError } from '../../core/errors.ts';
import { readMidi } from '../../core/music/midi-io.ts';
import type { Song } from '../../core/music/types.ts';
import type { ModelRef } from '../../core/provenance.ts';
import { detectInputKind } from '../file-kind.ts';
import { readInputFile } from '../file-io.ts';
import { ProgressBar } from '../progress.ts';

export interface Seed {
  song: Song;
  /** the transcription model, when the seed was audio */
  transcribedWith: ModelRef | null;
}

export async function readSeed(path: string): Promise<Seed> {
  const bytes = await readInputFile(path);
  if (detectInputKind(bytes, path) === 'midi') return { song: readMidi(bytes, path), transcribedWith: null };
  const { audio, provenance } = readWav(bytes, path);
  if (audio.channels.length === 0 || audioLength(audio) === 0) throw badInput('the WAV holds no audio (a header with no samples)', path);

  const { initBackend } = await import('../../ml/runtime/backend-node.ts');
  const { loadTranscriberNode } = await import('../../ml/transcribe/load-node.ts');
  const { BASIC_PITCH_REF, DEFAULT_SEED_BPM, tempoFromProvenance, transcribeSeedNotes, transcriptionSong } = await import('../../ml/transcribe/index.ts');
  await initBackend();
  const transcriber = await loadTranscriberNode();
  let notes: Awaited<ReturnType<typeof transcribeSeedNotes>>;
  const progress = new ProgressBar('transcribing');
  try {
    notes = await transcribeSeedNotes(transcriber, audio, { onProgress: (fraction) => progress.update(fraction) });
  } catch (error) {
    throw isAleaError(error) && error.file === undefined && error.kind === 'bad-input' ? error.inFile(path) : error;
  } finally {
    progress.done();
    transcriber.dispose();
  }
  const bpm = tempoFromProvenance(provenance) ?? DEFAULT_SEED_BPM;
  const song = transcriptionSong(notes, basename(path, extname(path)), bpm);
  process.stderr.write(`transcribed ${notes.length} note${notes.length === 1 ? '' : 's'} from ${path} (${BASIC_PITCH_REF.name}, ${bpm} bpm)\n`);
  return { song, transcribedWith: BASIC_PITCH_REF };
}
