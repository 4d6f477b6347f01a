/**
 * An audio seed for a MIDI generator: the notes of a hum or a played melody, with one clear line
 * when there is nothing to transcribe. Both faces (the CLI, the ML worker) use it.
 */
import { audioDuration, type AudioData } from '../../core/audio/audio-data.ts';
import { badInput } from '../../core/errors.ts';
import type { TranscribedNote } from './notes.ts';
import type { AudioTranscriber, TranscribeOptions } from './transcriber.ts';

/** Longer audio is refused: a seed is a few bars, and the model runs at a few times real time. */
export const MAX_SEED_SECONDS = 300;

export const NO_NOTES = 'holds no pitched notes to transcribe (silence, noise or drums?): record a hum, a sung or a played melody';

/** The notes of `audio`; refuses audio too long to be a seed, or with no notes in it. */
export async function transcribeSeedNotes(transcriber: AudioTranscriber, audio: AudioData, options: TranscribeOptions = {}): Promise<TranscribedNote[]> {
  const seconds = audioDuration(audio);
  if (seconds > MAX_SEED_SECONDS) {
    throw badInput(`is ${(seconds / 60).toFixed(1)} minutes long; an audio seed is at most ${MAX_SEED_SECONDS / 60} minutes: trim it`);
  }
  const notes = await transcriber.transcribe(audio, options);
  if (notes.length === 0) throw badInput(NO_NOTES);
  return notes;
}
